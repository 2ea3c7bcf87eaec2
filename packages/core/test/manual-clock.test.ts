import { describe, expect, it } from "vitest";
import { ManualClock } from "../src/testing/index.js";

/** Sets a timer on `clock` for each `[name, ms]`; the returned log gets `[name, time]` as each fires. */
function schedule(clock: ManualClock, timers: readonly [string, number][]): [string, number][] {
  const fired: [string, number][] = [];
  for (const [name, ms] of timers) clock.setTimer(() => fired.push([name, clock.now()]), ms);
  return fired;
}

describe("ManualClock", () => {
  it("advance fires the timers that fall due, earliest first, ties in creation order, at their own times", () => {
    const clock = new ManualClock(100);
    const fired = schedule(clock, [["late", 30], ["tie-1", 10], ["tie-2", 10], ["beyond", 31]]);
    clock.advance(30);
    expect(fired).toEqual([["tie-1", 110], ["tie-2", 110], ["late", 130]]);
    expect(clock.now()).toBe(130);
    expect(clock.pending).toBe(1);
  });

  describe("runNext", () => {
    it("moves time to the earliest timer and fires only that one", () => {
      const clock = new ManualClock(1000);
      const fired = schedule(clock, [["b", 500], ["a", 200]]);
      expect(clock.runNext()).toBe(true);
      expect(fired).toEqual([["a", 1200]]);
      expect(clock.now()).toBe(1200);
      expect(clock.pending).toBe(1);
      expect(clock.runNext()).toBe(true);
      expect(fired).toEqual([["a", 1200], ["b", 1500]]);
    });

    it("fires timers due at the same time one per call, in creation order", () => {
      const clock = new ManualClock();
      const fired = schedule(clock, [["first", 50], ["second", 50]]);
      clock.runNext();
      expect(fired).toEqual([["first", 50]]);
      clock.runNext();
      expect(fired).toEqual([["first", 50], ["second", 50]]);
    });

    it("returns false and leaves time alone when nothing is pending (cleared timers never run)", () => {
      const clock = new ManualClock(42);
      expect(clock.runNext()).toBe(false);
      const handle = clock.setTimer(() => expect.unreachable("a cleared timer fired"), 10);
      clock.clearTimer(handle);
      expect(clock.runNext()).toBe(false);
      expect(clock.now()).toBe(42);
    });

    it("fires at once a zero-delay timer without moving time, and runs timers set by a timer", () => {
      const clock = new ManualClock(7);
      const times: number[] = [];
      clock.setTimer(() => {
        times.push(clock.now());
        clock.setTimer(() => times.push(clock.now()), 3);
      }, 0);
      expect(clock.runNext()).toBe(true);
      expect(times).toEqual([7]);
      expect(clock.runNext()).toBe(true);
      expect(times).toEqual([7, 10]);
      expect(clock.runNext()).toBe(false);
    });
  });
});
