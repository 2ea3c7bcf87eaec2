import { describe, expect, it } from "vitest";
import { createMemoryLink, INCOMPLETE, RequestEngine, sum8, type FrameParser, type ParseResult, type RequestEngineOptions } from "../src/index.js";
import { ManualClock, tick } from "./manual-clock.js";

// Issue 14 item 6: a reply whose bytes keep arriving is not cut off by the reply deadline; each
// byte of a frame in progress moves the deadline to at least interByteTimeoutMs ahead, up to maxReplyMs.

// Toy frames: AA len payload… sum8(payload).
interface Toy {
  payload: Uint8Array;
}
const toyParser: FrameParser<Toy> = {
  parse(buf): ParseResult<Toy> {
    if (buf[0] !== 0xaa) return { kind: "invalid", skip: 1, code: "frame", message: "no header" };
    if (buf.length < 2) return INCOMPLETE;
    const len = buf[1]!;
    if (buf.length < len + 3) return INCOMPLETE;
    if (sum8(buf, 2, 2 + len) !== buf[2 + len]) return { kind: "invalid", skip: 1, code: "checksum", message: "bad sum" };
    return { kind: "frame", frame: { payload: buf.slice(2, 2 + len) }, length: len + 3 };
  },
};
const toy = (payload: number[]): Uint8Array => Uint8Array.from([0xaa, payload.length, ...payload, sum8(Uint8Array.from(payload))]);

async function rig(options: Partial<RequestEngineOptions<Toy>> = {}) {
  const clock = new ManualClock();
  const { host, device } = createMemoryLink();
  await host.open();
  await device.open();
  const engine = new RequestEngine<Toy>(host, { parser: toyParser, clock, drain: { quietMs: 5, maxMs: 50 }, ...options });
  const outcome: { value?: Toy; error?: unknown; settled: boolean } = { settled: false };
  const start = async (): Promise<void> => {
    engine.request({ request: toy([1]), match: () => "reply" }).then(
      (value) => Object.assign(outcome, { value, settled: true }),
      (error: unknown) => Object.assign(outcome, { error, settled: true }),
    );
    await tick();
  };
  /** Sends `bytes` one at a time, `gapMs` apart on the manual clock, until done or the request settles. */
  const trickle = async (bytes: Uint8Array, gapMs: number): Promise<number> => {
    let sent = 0;
    for (const byte of bytes) {
      clock.advance(gapMs);
      await tick();
      if (outcome.settled) break;
      await device.write(Uint8Array.of(byte));
      await tick();
      sent++;
    }
    return sent;
  };
  return { clock, engine, outcome, start, trickle };
}

const LONG = toy(Array.from({ length: 250 }, (_, i) => i & 0xff)); // 253 bytes: 1265 ms at 5 ms a byte

describe("RequestEngine: inter-byte deadline", () => {
  it("a reply trickling at one byte per 5 ms is taken although it takes longer than the 1000 ms reply deadline", async () => {
    const { clock, outcome, start, trickle } = await rig({ timeoutMs: 1000 });
    await start();
    const t0 = clock.now();
    expect(await trickle(LONG, 5)).toBe(LONG.length);
    expect(clock.now() - t0).toBeGreaterThan(1000);
    expect(outcome.error).toBeUndefined();
    expect(outcome.value?.payload).toHaveLength(250);
  });

  it("no byte at all: the reply deadline stands (timeout at 1000 ms, not later)", async () => {
    const { clock, outcome, start } = await rig({ timeoutMs: 1000, interByteTimeoutMs: 100 });
    await start();
    clock.advance(999);
    await tick();
    expect(outcome.settled).toBe(false);
    clock.advance(1);
    await tick();
    expect(outcome.error).toMatchObject({ code: "timeout", message: "no reply within 1000 ms" });
  });

  it("bytes that stop after the reply deadline: timeout one inter-byte gap after the last byte", async () => {
    const { clock, outcome, start, trickle } = await rig({ timeoutMs: 1000, interByteTimeoutMs: 100 });
    await start();
    const t0 = clock.now();
    await trickle(LONG.subarray(0, 220), 5); // last byte at 1100 ms
    expect(clock.now() - t0).toBe(1100);
    clock.advance(99);
    await tick();
    expect(outcome.settled).toBe(false);
    clock.advance(1);
    await tick();
    expect(outcome.error).toMatchObject({ code: "timeout", message: expect.stringMatching(/^incomplete reply \(220 bytes\)/) });
  });

  it("a reply that keeps trickling is cut off at the overall cap (maxReplyMs)", async () => {
    const { clock, outcome, start, trickle } = await rig({ timeoutMs: 1000, interByteTimeoutMs: 100, maxReplyMs: 1200 });
    await start();
    const t0 = clock.now();
    const sent = await trickle(LONG, 5);
    expect(sent).toBeLessThan(LONG.length);
    expect(clock.now() - t0).toBe(1200);
    expect(outcome.error).toMatchObject({ code: "timeout", message: expect.stringMatching(/^incomplete reply \(\d+ bytes\) after 1200 ms/) });
  });

  it("times in messages are whole milliseconds", async () => {
    const { clock, outcome, start } = await rig({ timeoutMs: 1019.7916666666667 });
    await start();
    clock.advance(1020);
    await tick();
    expect(outcome.error).toMatchObject({ code: "timeout", message: "no reply within 1020 ms" });
  });
});
