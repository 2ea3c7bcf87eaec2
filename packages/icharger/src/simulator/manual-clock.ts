import type { Clock, TimerHandle } from "@batt/core";

interface Pending {
  readonly id: number;
  readonly at: number;
  readonly callback: () => void;
}

/** A {@link Clock} that moves only when told to, for deterministic simulations and tests. */
export class ManualClock implements Clock {
  private time: number;
  private nextId = 1;
  private pending: Pending[] = [];

  constructor(start = 0) {
    this.time = start;
  }

  /** Current virtual time, ms. */
  now(): number {
    return this.time;
  }

  /** Schedules `callback` at `now() + ms`. */
  setTimer(callback: () => void, ms: number): TimerHandle {
    const id = this.nextId++;
    this.pending.push({ id, at: this.time + Math.max(0, ms), callback });
    return id;
  }

  /** Cancels a timer. */
  clearTimer(handle: TimerHandle): void {
    this.pending = this.pending.filter((p) => p.id !== handle);
  }

  /** Timers not yet fired. */
  get timers(): number {
    return this.pending.length;
  }

  /** When the earliest pending timer is due, or undefined when none is. */
  get nextDue(): number | undefined {
    return this.pending.reduce<number | undefined>((min, p) => (min === undefined || p.at < min ? p.at : min), undefined);
  }

  /** Moves time forward by `ms`, firing due timers in time order (including ones they schedule). */
  advance(ms: number): void {
    const end = this.time + Math.max(0, ms);
    for (;;) {
      const due = this.pending.filter((p) => p.at <= end).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.pending = this.pending.filter((p) => p !== due);
      this.time = Math.max(this.time, due.at);
      due.callback();
    }
    this.time = end;
  }
}
