import { afterEach, describe, expect, it, vi } from "vitest";
import { systemClock } from "../src/index.js";

describe("systemClock", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("uses the global timers at call time, so fake timers apply", () => {
    vi.useFakeTimers();
    const fired: string[] = [];
    systemClock.setTimer(() => fired.push("a"), 100);
    const b = systemClock.setTimer(() => fired.push("b"), 50);
    systemClock.clearTimer(b);
    vi.advanceTimersByTime(99);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(fired).toEqual(["a"]);
  });

  it("ignores clearing an unknown handle", () => {
    expect(() => systemClock.clearTimer(undefined)).not.toThrow();
  });

  it("tells time on the performance.now() scale, never going backwards", () => {
    const before = performance.now();
    const readings = Array.from({ length: 100 }, () => systemClock.now());
    const after = performance.now();
    expect(readings.every((t, i) => i === 0 || t >= readings[i - 1]!)).toBe(true);
    expect(readings[0]!).toBeGreaterThanOrEqual(before);
    expect(readings[99]!).toBeLessThanOrEqual(after);
  });
});
