import { describe, expect, it } from "vitest";
import {
  BattError,
  createMemoryLink,
  FaultyTransport,
  fromHex,
  INCOMPLETE,
  RequestEngine,
  sum8,
  type FrameParser,
  type ParseResult,
} from "../src/index.js";

// A toy protocol for engine tests: AA len payload… sum8(payload). Replies echo the payload.
interface Toy {
  payload: Uint8Array;
}
const toyParser: FrameParser<Toy> = {
  parse(buf): ParseResult<Toy> {
    if (buf[0] !== 0xaa) return { kind: "invalid", skip: 1, error: new BattError("frame", "no header") };
    if (buf.length < 2) return INCOMPLETE;
    const len = buf[1]!;
    if (buf.length < len + 3) return INCOMPLETE;
    if (sum8(buf, 2, 2 + len) !== buf[2 + len]) return { kind: "invalid", skip: 1, error: new BattError("checksum", "bad sum") };
    return { kind: "frame", frame: { payload: buf.slice(2, 2 + len) }, length: len + 3 };
  },
};
const toy = (payload: number[]): Uint8Array => Uint8Array.from([0xaa, payload.length, ...payload, sum8(Uint8Array.from(payload))]);

async function setup(opts: { echo?: boolean; timeoutMs?: number } = {}) {
  const { host, device } = createMemoryLink();
  const faulty = new FaultyTransport(host);
  await faulty.open();
  await device.open();
  if (opts.echo !== false) device.onData((chunk) => void device.write(chunk));
  const engine = new RequestEngine<Toy>(faulty, { parser: toyParser, timeoutMs: opts.timeoutMs ?? 100, drain: { quietMs: 5, maxMs: 50 } });
  const ask = (p: number[], extra: Partial<Parameters<typeof engine.request>[0]> = {}) =>
    engine.request({ request: toy(p), match: (f) => (f.payload[0] === p[0] ? "reply" : "ignore"), ...extra });
  return { faulty, device, engine, ask };
}

describe("RequestEngine", () => {
  it("sends a request and resolves with the matching reply", async () => {
    const { engine, ask } = await setup();
    const reply = await ask([1, 2, 3]);
    expect([...reply.payload]).toEqual([1, 2, 3]);
    expect(engine.counters).toMatchObject({ requests: 1, replies: 1, timeouts: 0 });
  });

  it("keeps one request in flight: concurrent calls are answered in order", async () => {
    const { device, ask } = await setup();
    let inFlight = 0;
    let maxInFlight = 0;
    device.onData(() => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      queueMicrotask(() => inFlight--);
    });
    const replies = await Promise.all([1, 2, 3, 4, 5].map((n) => ask([n])));
    expect(replies.map((r) => r.payload[0])).toEqual([1, 2, 3, 4, 5]);
    expect(maxInFlight).toBe(1);
  });

  it("skips garbage before a reply and counts it", async () => {
    const { faulty, engine, ask } = await setup();
    faulty.inject({ fault: { kind: "prefix", bytes: fromHex("00 ff 13 37") } });
    const reply = await ask([7]);
    expect(reply.payload[0]).toBe(7);
    expect(engine.counters.bytesSkipped).toBe(4);
  });

  it("reassembles a reply split into single bytes", async () => {
    const { faulty, ask } = await setup();
    faulty.inject({ fault: { kind: "split", size: 1 } });
    expect((await ask([9, 8, 7])).payload[2]).toBe(7);
  });

  it("rejects a corrupted reply with checksum once the line is quiet, then recovers", async () => {
    const { faulty, engine, ask } = await setup({ timeoutMs: 1000 });
    faulty.inject({ fault: { kind: "corrupt", index: -1, mask: 0x01 } });
    const started = Date.now();
    const error = await ask([5]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BattError);
    expect((error as BattError).code).toBe("checksum");
    expect(Date.now() - started).toBeLessThan(500); // ended by the quiet period, not the 1 s deadline
    expect(engine.counters.checksumErrors).toBe(1);
    expect((await ask([6])).payload[0]).toBe(6);
  });

  it("times out on silence, drains, and the next request succeeds", async () => {
    const { faulty, engine, ask } = await setup();
    faulty.inject({ fault: { kind: "drop" } });
    await expect(ask([1])).rejects.toMatchObject({ code: "timeout" });
    expect(engine.counters.timeouts).toBe(1);
    expect((await ask([2])).payload[0]).toBe(2);
  });

  it("retries by policy and counts the retry", async () => {
    const { faulty, engine, ask } = await setup();
    faulty.inject({ fault: { kind: "drop" } });
    const reply = await ask([3], { retry: { retries: 1 } });
    expect(reply.payload[0]).toBe(3);
    expect(engine.counters).toMatchObject({ retries: 1, timeouts: 1, requests: 2, replies: 1 });
  });

  it("does not take a late reply to a timed-out request as the answer to the next one", async () => {
    const { faulty, ask } = await setup({ timeoutMs: 30 });
    faulty.inject({ fault: { kind: "delay", ms: 45 } });
    await expect(ask([1])).rejects.toMatchObject({ code: "timeout" });
    // Same first byte: only the drain keeps the late reply from matching.
    const reply = await ask([1, 42]);
    expect([...reply.payload]).toEqual([1, 42]);
  });

  it("fails with the device error that match returns", async () => {
    const { engine } = await setup();
    const err = new BattError("device-exception", "nope", { context: { deviceCode: 2 } });
    await expect(engine.request({ request: toy([1]), match: () => err })).rejects.toMatchObject({ code: "device-exception" });
    expect(engine.counters.deviceErrors).toBe(1);
  });

  it("reports frames nobody asked for as unsolicited", async () => {
    const { device, engine } = await setup({ echo: false });
    const seen: number[] = [];
    engine.onUnsolicited(({ frame }) => seen.push(frame.payload[0]!));
    await device.write(toy([0x10, 1]));
    await new Promise((r) => setTimeout(r, 5));
    expect(seen).toEqual([0x10]);
    expect(engine.counters.unsolicited).toBe(1);
  });

  it("cancels a queued request and an in-flight request with AbortSignal", async () => {
    const { engine, ask } = await setup({ echo: false, timeoutMs: 5000 });
    const inflight = new AbortController();
    const queued = new AbortController();
    const first = ask([1], { signal: inflight.signal });
    const second = ask([2], { signal: queued.signal });
    queued.abort();
    await expect(second).rejects.toMatchObject({ code: "aborted" });
    inflight.abort();
    await expect(first).rejects.toMatchObject({ code: "aborted" });
    expect(engine.counters.aborted).toBe(2);
  });

  it("keeps the minimum gap between requests", async () => {
    const { device, engine, ask } = await setup();
    engine.minGapMs = 30;
    const writes: number[] = [];
    device.onData(() => writes.push(performance.now()));
    await ask([1]);
    await ask([2]);
    expect(writes[1]! - writes[0]!).toBeGreaterThanOrEqual(29);
  });

  it("fails the request in flight and the queue when the link is lost", async () => {
    const { faulty, ask } = await setup({ echo: false, timeoutMs: 5000 });
    const a = ask([1]);
    const b = ask([2]);
    (faulty.inner as { disconnect(r?: string): void }).disconnect("unplugged");
    await expect(a).rejects.toMatchObject({ code: "disconnected" });
    await expect(b).rejects.toMatchObject({ code: "disconnected" });
  });
});
