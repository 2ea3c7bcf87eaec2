/** An opaque timer handle returned by {@link Clock.setTimer}. */
export type TimerHandle = unknown;

/**
 * Time source and timers. Protocol code asks the clock instead of calling globals, so simulators
 * and tests can run on virtual time.
 */
export interface Clock {
  /** Milliseconds on a monotonic scale (only differences are meaningful). */
  now(): number;
  /** Calls `callback` once after `ms` milliseconds. */
  setTimer(callback: () => void, ms: number): TimerHandle;
  /** Cancels a timer; unknown or fired handles are ignored. */
  clearTimer(handle: TimerHandle): void;
  /**
   * Wall-clock time, ms since the Unix epoch, for time stamps on readings (default: `Date.now()`).
   * Virtual clocks give their own, so stamped output is repeatable in tests.
   */
  wallTime?(): number;
}

/** The wall-clock time of `clock` (its {@link Clock.wallTime}, else `Date.now()`), ms since the Unix epoch. */
export function wallTimeOf(clock: Clock): number {
  return clock.wallTime?.() ?? Date.now();
}

/** The real clock: `performance.now()` and the global timers (looked up on each call, so test fake timers apply). */
export const systemClock: Clock = {
  now: () => performance.now(),
  setTimer: (callback, ms) => setTimeout(callback, ms),
  clearTimer: (handle) => clearTimeout(handle as Parameters<typeof clearTimeout>[0]),
  wallTime: () => Date.now(),
};
