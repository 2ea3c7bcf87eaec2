import { describe, expect, it } from "vitest";
import { ManualClock } from "../src/testing/index.js";
import { startTicker, type Clock } from "../src/index.js";

describe("startTicker", () => {
  it("ticks every period with the time elapsed on the clock, until stopped", () => {
    const clock = new ManualClock(500);
    const ticks: number[][] = [];
    const ticker = startTicker(clock, 1000, (elapsed) => ticks.push([clock.now(), elapsed]));
    clock.advance(999);
    expect(ticks).toEqual([]);
    clock.advance(1);
    clock.advance(2500);
    expect(ticks).toEqual([
      [1500, 1000],
      [2500, 1000],
      [3500, 1000],
    ]);
    ticker.stop();
    clock.advance(10_000);
    expect(ticks).toHaveLength(3);
    expect(clock.pending).toBe(0);
  });

  it("passes the real elapsed time when a timer fires late", () => {
    // A clock whose timers fire 30 ms late, as a busy event loop does.
    const inner = new ManualClock();
    const late: Clock = { now: () => inner.now(), setTimer: (cb, ms) => inner.setTimer(cb, ms + 30), clearTimer: (h) => inner.clearTimer(h) };
    const elapsed: number[] = [];
    startTicker(late, 100, (ms) => elapsed.push(ms));
    inner.advance(260);
    expect(elapsed).toEqual([130, 130]);
  });

  it("stops from inside a tick, and a tick that throws ends the loop", () => {
    const clock = new ManualClock();
    let count = 0;
    const ticker = startTicker(clock, 10, () => {
      if (++count === 2) ticker.stop();
    });
    clock.advance(100);
    expect(count).toBe(2);
    expect(clock.pending).toBe(0);

    const failing = startTicker(clock, 10, () => {
      throw new Error("model broke");
    });
    expect(() => clock.advance(10)).toThrow("model broke");
    expect(clock.pending).toBe(0);
    failing.stop();
  });

  it("refuses a period that is not a positive number", () => {
    const clock = new ManualClock();
    for (const period of [0, -5, Number.NaN, Infinity]) {
      expect(() => startTicker(clock, period, () => undefined)).toThrow(expect.objectContaining({ code: "invalid-argument" }));
    }
  });
});
