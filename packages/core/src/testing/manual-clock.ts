import type { Clock, TimerHandle } from "../clock.js";

interface PendingTimer {
  readonly at: number;
  readonly callback: () => void;
}

/**
 * A virtual clock: time moves only when {@link ManualClock.advance} is called, and due timers fire
 * in order. Simulators and tests use it to run hours of device behaviour in milliseconds, repeatably.
 */
export class ManualClock implements Clock {
  private time: number;
  private nextId = 1;
  private readonly timers = new Map<number, PendingTimer>();

  /**
   * @param start - The virtual time to start at, ms (default 0).
   * @param epoch - The wall-clock time at virtual time 0, ms since the Unix epoch (default
   *   {@link ManualClock.DEFAULT_EPOCH}), so time stamps on readings are repeatable.
   */
  constructor(
    start = 0,
    private readonly epoch = ManualClock.DEFAULT_EPOCH,
  ) {
    this.time = start;
  }

  /** Wall-clock time at virtual time 0 unless given: 2026-01-01T00:00:00Z. */
  static readonly DEFAULT_EPOCH = Date.UTC(2026, 0, 1);

  /** The wall-clock time: the epoch plus the virtual time, ms since the Unix epoch. */
  wallTime(): number {
    return this.epoch + this.time;
  }

  /** The virtual time in ms. */
  now(): number {
    return this.time;
  }

  /** Calls `callback` once the virtual time has moved `ms` further. */
  setTimer(callback: () => void, ms: number): TimerHandle {
    const id = this.nextId++;
    this.timers.set(id, { at: this.time + Math.max(0, ms), callback });
    return id;
  }

  /** Cancels a timer; unknown or fired handles are ignored. */
  clearTimer(handle: TimerHandle): void {
    this.timers.delete(handle as number);
  }

  /** Timers not yet fired or cleared. */
  get pending(): number {
    return this.timers.size;
  }

  /** Moves time forward by `ms`, firing every timer that falls due (earliest first, ties in creation order). */
  advance(ms: number): void {
    const end = this.time + ms;
    while (this.fireEarliest(end));
    this.time = end;
  }

  /**
   * Moves time to the earliest pending timer and fires only that one (ties in creation order), for
   * callers that let other work run between timers.
   *
   * @returns false, leaving time where it is, when no timer is pending.
   */
  runNext(): boolean {
    return this.fireEarliest(Infinity);
  }

  /** Fires the earliest timer due by `limit`, moving time to it; false when there is none. */
  private fireEarliest(limit: number): boolean {
    let due: [number, PendingTimer] | undefined;
    for (const entry of this.timers) if (entry[1].at <= limit && (!due || entry[1].at < due[1].at)) due = entry;
    if (!due) return false;
    this.timers.delete(due[0]);
    this.time = Math.max(this.time, due[1].at);
    due[1].callback();
    return true;
  }
}
