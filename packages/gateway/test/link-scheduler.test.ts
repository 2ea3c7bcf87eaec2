import { BattError } from "@batt/core";
import { ManualClock } from "@batt/core/testing";
import { describe, expect, it } from "vitest";
import { backoffDelay } from "../src/schedule/backoff.js";
import { LinkScheduler, type PollOutcome } from "../src/schedule/link-scheduler.js";

const polling = (pollMs: number, deadlineMs = 1000, maxBackoffMs = 8000) => ({ pollMs, deadlineMs, offlineAfter: 3, maxBackoffMs });

/** Lets pending promise callbacks run (the scheduler chains a few per poll). */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

/** Advances the clock in steps, letting promises run between timers. */
async function run(clock: ManualClock, ms: number, step = 10): Promise<void> {
  for (let t = 0; t < ms; t += step) {
    clock.advance(step);
    await settle();
  }
}

/** A device that answers after `delayMs` (clock time), or never (Infinity: it only ends on abort), or fails. */
function fakeDevices(clock: ManualClock, behaviour: Record<string, { delayMs: number; fail?: boolean }>) {
  const log: { device: string; start: number }[] = [];
  let inFlight = 0;
  let peak = 0;
  const poll = (device: string, signal: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      const b = behaviour[device]!;
      log.push({ device, start: clock.now() });
      inFlight++;
      peak = Math.max(peak, inFlight);
      const done = (error?: Error) => {
        inFlight--;
        if (error) reject(error);
        else resolve();
      };
      signal.addEventListener("abort", () => done(new BattError("aborted", "deadline")));
      if (Number.isFinite(b.delayMs)) clock.setTimer(() => (signal.aborted ? undefined : done(b.fail ? new BattError("timeout", "no reply") : undefined)), b.delayMs);
    });
  return { poll, log, peak: () => peak };
}

describe("backoffDelay", () => {
  it("is the interval, then doubles, capped", () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, 1000, 8000))).toEqual([1000, 1000, 2000, 4000, 8000, 8000, 8000]);
  });
});

describe("LinkScheduler", () => {
  it("keeps one request in flight on a link and polls every device at its interval", async () => {
    const clock = new ManualClock();
    const fake = fakeDevices(clock, { a: { delayMs: 50 }, b: { delayMs: 50 }, c: { delayMs: 50 } });
    const scheduler = new LinkScheduler(
      ["a", "b", "c"].map((name) => ({ name, polling: polling(1000) })),
      { clock, poll: fake.poll },
    );
    scheduler.start();
    await settle();
    await run(clock, 3000);
    await scheduler.stop();
    expect(fake.peak()).toBe(1);
    expect(scheduler.peakInFlight).toBe(1);
    // First round back to back (50 ms each), then each at its own 1 s interval.
    expect(fake.log.filter((e) => e.device === "a").map((e) => e.start)).toEqual([0, 1000, 2000, 3000]);
    expect(fake.log.filter((e) => e.device === "b").map((e) => e.start)).toEqual([50, 1050, 2050]);
    expect(fake.log.filter((e) => e.device === "c").map((e) => e.start)).toEqual([100, 1100, 2100]);
  });

  it("does not let a dead device starve the others: it costs its deadline, then backs off", async () => {
    const clock = new ManualClock();
    const fake = fakeDevices(clock, { dead: { delayMs: Infinity }, ok: { delayMs: 20 } });
    const outcomes: PollOutcome[] = [];
    const scheduler = new LinkScheduler(
      [
        { name: "dead", polling: polling(1000, 500, 4000) },
        { name: "ok", polling: polling(1000) },
      ],
      { clock, poll: fake.poll, onOutcome: (o) => outcomes.push(o) },
    );
    scheduler.start();
    await settle();
    await run(clock, 12_000);
    await scheduler.stop();
    const okStarts = fake.log.filter((e) => e.device === "ok").map((e) => e.start);
    const deadStarts = fake.log.filter((e) => e.device === "dead").map((e) => e.start);
    // The healthy device is read every second (late by at most the dead one's 500 ms deadline).
    expect(okStarts.length).toBeGreaterThanOrEqual(11);
    for (let i = 1; i < okStarts.length; i++) expect(okStarts[i]! - okStarts[i - 1]!).toBeLessThanOrEqual(1500);
    // The dead one: fails at 500, retried after 1 s, 2 s, 4 s, then every 4 s (the cap).
    expect(deadStarts).toEqual([0, 1500, 4000, 8500]);
    const dead = outcomes.filter((o) => o.device === "dead");
    expect(dead.map((o) => o.failures)).toEqual([1, 2, 3, 4]);
    expect(dead.every((o) => !o.ok && o.error?.code === "timeout")).toBe(true);
    expect(scheduler.failuresOf("ok")).toBe(0);
  });

  it("retries a failing device with a doubling wait and resets it after a success", async () => {
    const clock = new ManualClock();
    const behaviour = { flaky: { delayMs: 10, fail: true } };
    const fake = fakeDevices(clock, behaviour);
    const scheduler = new LinkScheduler([{ name: "flaky", polling: polling(1000, 1000, 10_000) }], { clock, poll: fake.poll });
    scheduler.start();
    await settle();
    await run(clock, 7100);
    expect(fake.log.map((e) => e.start)).toEqual([0, 1010, 3020, 7030]);
    expect(scheduler.failuresOf("flaky")).toBe(4); // the fourth attempt, at 7030, failed too: next one 8 s later (the cap)
    expect(scheduler.nextPollOf("flaky")).toBe(15_040);
    behaviour.flaky.fail = false;
    await run(clock, 9000);
    expect(scheduler.failuresOf("flaky")).toBe(0);
    expect(fake.log.map((e) => e.start).slice(4, 6)).toEqual([15_040, 16_040]);
    await scheduler.stop();
  });

  it("runs a command between polls, never beside one", async () => {
    const clock = new ManualClock();
    const fake = fakeDevices(clock, { a: { delayMs: 100 } });
    const scheduler = new LinkScheduler([{ name: "a", polling: polling(1000) }], { clock, poll: fake.poll });
    scheduler.start();
    await settle();
    let ranAt = -1;
    const result = scheduler.runExclusive(async () => {
      ranAt = clock.now();
      return "done";
    });
    await run(clock, 200);
    await expect(result).resolves.toBe("done");
    expect(ranAt).toBe(100); // after the poll in flight ended, not beside it
    await scheduler.stop();
    await expect(scheduler.runExclusive(async () => "late")).rejects.toMatchObject({ code: "disconnected" });
  });

  it("reports a reading that ignores its deadline, so the link can be reset", async () => {
    const clock = new ManualClock();
    let release: () => void = () => undefined;
    let stuck = 0;
    const scheduler = new LinkScheduler([{ name: "deaf", polling: polling(1000, 300) }], {
      clock,
      graceMs: 200,
      poll: () => new Promise<void>((resolve) => (release = resolve)), // ignores the signal
      onStuck: () => {
        stuck++;
        release();
      },
    });
    scheduler.start();
    await settle();
    await run(clock, 490);
    expect(stuck).toBe(0);
    await run(clock, 20);
    expect(stuck).toBe(1);
    expect(scheduler.failuresOf("deaf")).toBe(1);
    await scheduler.stop();
  });
});
