import { describe, expect, it } from "vitest";
import { BattError, createMemoryLink, fromHex, INCOMPLETE, isBattError, RequestEngine, sum8, toHex, type FrameParser, type ParseResult } from "../src/index.js";
import { FaultyTransport } from "../src/testing/index.js";
import { ManualClock, tick } from "./manual-clock.js";

// A toy protocol for engine tests: AA len payload… sum8(payload). Replies echo the payload.
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
    (faulty.inner as unknown as { disconnect(r?: string): void }).disconnect("unplugged");
    await expect(a).rejects.toMatchObject({ code: "disconnected" });
    await expect(b).rejects.toMatchObject({ code: "disconnected" });
  });
});

describe("RequestEngine (further behaviour)", () => {
  /** A manual-clock engine on a memory link; `device` replies with whatever `respond` returns. */
  async function manual(opts: { respond?: (request: Uint8Array) => Uint8Array[]; timeoutMs?: number } = {}) {
    const clock = new ManualClock();
    const { host, device } = createMemoryLink();
    await host.open();
    await device.open();
    const requests: string[] = [];
    device.onData((chunk) => {
      requests.push(toHex(chunk));
      for (const reply of opts.respond?.(chunk) ?? []) void device.write(reply);
    });
    const engine = new RequestEngine<Toy>(host, { parser: toyParser, clock, timeoutMs: opts.timeoutMs ?? 100, drain: { quietMs: 5, maxMs: 50 } });
    return { clock, host, device, engine, requests };
  }

  it("discards report padding on a packet link instead of counting it as skipped", async () => {
    const { host, device } = createMemoryLink({ kind: "packet", packetSize: 16 });
    await host.open();
    await device.open();
    device.onData((report) => void device.write(report));
    const engine = new RequestEngine<Toy>(host, { parser: toyParser, timeoutMs: 200 });
    const reply = await engine.request({ request: toy([4, 5]), match: () => "reply" });
    expect([...reply.payload]).toEqual([4, 5]);
    expect(engine.counters).toMatchObject({ replies: 1, bytesSkipped: 0, checksumErrors: 0 });
  });

  it("keeps the minimum gap even when the clock's timers fire early", async () => {
    // Node timers can fire a little early against performance.now(); the gap must still hold.
    class EarlyClock extends ManualClock {
      override setTimer(callback: () => void, ms: number): unknown {
        return super.setTimer(callback, ms - 2);
      }
    }
    const clock = new EarlyClock();
    const { host, device } = createMemoryLink();
    await host.open();
    await device.open();
    const sentAt: number[] = [];
    device.onData((chunk) => {
      sentAt.push(clock.now());
      void device.write(chunk);
    });
    const engine = new RequestEngine<Toy>(host, { parser: toyParser, clock, minGapMs: 30 });
    await engine.request({ request: toy([1]), match: () => "reply" });
    const second = engine.request({ request: toy([2]), match: () => "reply" });
    for (let ms = 0; ms < 40 && sentAt.length < 2; ms++) {
      clock.advance(1);
      await tick();
    }
    await second;
    expect(sentAt).toEqual([0, 30]);
  });

  it("announce() sends in turn with the requests and waits for no reply", async () => {
    const { engine, requests } = await manual({ respond: (r) => (r[2] === 1 ? [r] : []) });
    const first = engine.request({ request: toy([1]), match: () => "reply" });
    const broadcast = engine.announce({ request: toy([0xfe]) });
    expect(engine.queued).toBe(1); // the request is in flight, the announcement waits
    await first;
    await broadcast;
    await tick();
    expect(requests).toEqual([toHex(toy([1])), toHex(toy([0xfe]))]);
    expect(engine.counters).toMatchObject({ requests: 2, replies: 1, timeouts: 0 });
    expect(engine.state).toBe("idle");
  });

  it("rejects at once with aborted for a signal that already fired, sending nothing", async () => {
    const { engine, requests } = await manual();
    const controller = new AbortController();
    controller.abort();
    await expect(engine.request({ request: toy([1]), match: () => "reply", signal: controller.signal })).rejects.toMatchObject({ code: "aborted" });
    await tick();
    expect(requests).toEqual([]);
    expect(engine.counters).toMatchObject({ aborted: 1, requests: 0 });
  });

  it("fails with not-open on a closed transport and does not retry that", async () => {
    const { host, engine } = await manual();
    await host.close();
    const error = await engine.request({ request: toy([1]), match: () => "reply", retry: { retries: 3 } }).catch((e: unknown) => e);
    expect(isBattError(error, "not-open", "disconnected")).toBe(true);
    expect(engine.counters.retries).toBe(0);
  });

  it("does not retry a device exception, whatever the policy", async () => {
    const { engine, requests } = await manual({ respond: (r) => [r] });
    const exception = new BattError("device-exception", "illegal address", { context: { deviceCode: 2 } });
    const error = await engine.request({ request: toy([1]), match: () => exception, retry: { retries: 3 } }).catch((e: unknown) => e);
    expect(isBattError(error, "device-exception")).toBe(true);
    expect((error as BattError).context).toMatchObject({ deviceCode: 2, attempts: 1, raw: toy([1]), request: toy([1]) });
    expect(requests).toHaveLength(1);
  });

  it("turns a match function that throws into a frame error", async () => {
    const { engine } = await manual({ respond: (r) => [r] });
    const error = await engine
      .request({
        request: toy([1]),
        match: () => {
          throw new RangeError("bad field");
        },
      })
      .catch((e: unknown) => e);
    expect(isBattError(error, "frame")).toBe(true);
    expect((error as BattError).message).toBe("bad field");
  });

  it("says how much of an incomplete reply arrived when the deadline passes", async () => {
    const { clock, engine } = await manual({ respond: (r) => [r.subarray(0, 2)] });
    const pending = engine.request({ request: toy([1, 2, 3]), match: () => "reply", timeoutMs: 40 });
    pending.catch(() => undefined);
    await tick();
    expect(engine.state).toBe("waiting");
    clock.advance(39);
    await tick();
    clock.advance(1);
    const error = (await pending.catch((e: unknown) => e)) as BattError;
    expect(error.code).toBe("timeout");
    expect(error.message).toBe("incomplete reply (2 bytes) after 40 ms");
    expect([...(error.context.raw as Uint8Array)]).toEqual([0xaa, 0x03]);
    expect(error.context.attempts).toBe(1);
  });

  it("waits backoffMs before a retry", async () => {
    let calls = 0;
    const { clock, engine, requests } = await manual({ respond: (r) => (++calls === 1 ? [] : [r]) });
    const pending = engine.request({ request: toy([7]), match: () => "reply", retry: { retries: 1, backoffMs: 30 } });
    await tick();
    clock.advance(100); // first attempt times out
    await tick();
    clock.advance(29);
    await tick();
    expect(requests).toHaveLength(1);
    clock.advance(1);
    await tick();
    expect(requests).toHaveLength(2);
    expect((await pending).payload).toEqual(Uint8Array.of(7));
    expect(engine.counters).toMatchObject({ retries: 1, timeouts: 1, replies: 1 });
  });

  it("takes a good reply that follows a garbled one within the quiet period", async () => {
    const { engine } = await manual({ respond: (r) => [Uint8Array.from([0xaa, 1, 9, 0]), r] });
    const reply = await engine.request({ request: toy([9]), match: () => "reply" });
    expect([...reply.payload]).toEqual([9]);
    expect(engine.counters).toMatchObject({ checksumErrors: 1, replies: 1, bytesSkipped: 4 });
  });

  it("uses a per-request parser and restores the engine's afterwards", async () => {
    const { engine } = await manual({ respond: (r) => [r] });
    const raw: FrameParser<Toy> = { parse: (buf) => ({ kind: "frame", frame: { payload: buf.slice() }, length: buf.length }) };
    const whole = await engine.request({ request: fromHex("01 02 03"), match: () => "reply", parser: raw });
    expect([...whole.payload]).toEqual([1, 2, 3]);
    const framed = await engine.request({ request: toy([5]), match: () => "reply" });
    expect([...framed.payload]).toEqual([5]);
  });

  it("fails with a write timeout when the transport never finishes writing", async () => {
    const clock = new ManualClock();
    const { host } = createMemoryLink();
    await host.open();
    const stuck = Object.assign(Object.create(host) as typeof host, { write: () => new Promise<void>(() => undefined) });
    const engine = new RequestEngine<Toy>(stuck, { parser: toyParser, clock, writeTimeoutMs: 250 });
    const pending = engine.request({ request: toy([1]), match: () => "reply" });
    pending.catch(() => undefined);
    await tick();
    expect(engine.state).toBe("sending");
    clock.advance(250);
    await expect(pending).rejects.toMatchObject({ code: "timeout", message: "write did not complete within 250 ms" });
  });

  it("reports tx, rx and skipped bytes to trace listeners", async () => {
    const { engine } = await manual({ respond: (r) => [Uint8Array.of(0x00), r] });
    const trace: string[] = [];
    engine.onTrace((e) => trace.push(`${e.type}${"bytes" in e ? ` ${toHex(e.bytes)}` : ""}`));
    await engine.request({ request: toy([3]), match: () => "reply" });
    expect(trace).toEqual(["tx aa 01 03 03", "rx 00", "skipped 00", "rx aa 01 03 03"]);
  });

  it("fails pending requests with disconnected when the transport is closed", async () => {
    const { host, engine } = await manual();
    const pending = engine.request({ request: toy([1]), match: () => "reply" });
    await tick();
    await host.close();
    await expect(pending).rejects.toMatchObject({ code: "disconnected", message: "transport closed" });
  });

  it("dispose() fails what is queued with not-open and stops listening", async () => {
    const { device, engine } = await manual();
    const seen: unknown[] = [];
    engine.onUnsolicited((e) => seen.push(e));
    const first = engine.request({ request: toy([1]), match: () => "reply" });
    const second = engine.request({ request: toy([2]), match: () => "reply" });
    await tick();
    engine.dispose();
    await expect(first).rejects.toMatchObject({ code: "not-open" });
    await expect(second).rejects.toMatchObject({ code: "not-open" });
    await device.write(toy([3]));
    await tick();
    expect(seen).toEqual([]);
    expect(engine.counters.unsolicited).toBe(0);
  });
});
