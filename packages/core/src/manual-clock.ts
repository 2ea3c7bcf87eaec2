import type { Clock, TimerHandle } from "./clock.js";

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

  constructor(start = 0) {
    this.time = start;
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
    for (;;) {
      let due: [number, PendingTimer] | undefined;
      for (const entry of this.timers) if (entry[1].at <= end && (!due || entry[1].at < due[1].at)) due = entry;
      if (!due) break;
      this.timers.delete(due[0]);
      this.time = due[1].at;
      due[1].callback();
    }
    this.time = end;
  }
}
