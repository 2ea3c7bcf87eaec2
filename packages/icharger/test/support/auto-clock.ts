import type { Clock, TimerHandle } from "@batt/core";

/**
 * Virtual time that runs itself: whenever the process has nothing else to do (a macrotask turn with
 * every microtask done), time jumps to the earliest pending timer and fires it. In-memory links deliver
 * in microtasks, so request/reply exchanges complete at a fixed virtual time and only waits, polls and
 * deadlines move the clock — seconds of charger time pass in milliseconds.
 */
export class AutoClock implements Clock {
  private time = 0;
  private nextId = 1;
  private readonly timers = new Map<number, { at: number; callback: () => void }>();
  private running = false;
  private handle: ReturnType<typeof setImmediate> | undefined;

  now(): number {
    return this.time;
  }

  setTimer(callback: () => void, ms: number): TimerHandle {
    const id = this.nextId++;
    this.timers.set(id, { at: this.time + Math.max(0, ms), callback });
    return id;
  }

  clearTimer(handle: TimerHandle): void {
    this.timers.delete(handle as number);
  }

  /** Starts running time. */
  start(): this {
    if (this.running) return this;
    this.running = true;
    const turn = (): void => {
      if (!this.running) return;
      let due: [number, { at: number; callback: () => void }] | undefined;
      for (const entry of this.timers) if (!due || entry[1].at < due[1].at) due = entry;
      if (due) {
        this.timers.delete(due[0]);
        this.time = Math.max(this.time, due[1].at);
        due[1].callback();
      }
      this.handle = setImmediate(turn);
    };
    this.handle = setImmediate(turn);
    return this;
  }

  /** Stops running time. */
  stop(): void {
    this.running = false;
    if (this.handle) clearImmediate(this.handle);
  }
}
