import { ManualClock } from "@batt/core/testing";

/**
 * Virtual time that runs itself: whenever the process has nothing else to do (a macrotask turn with
 * every microtask done), time jumps to the earliest pending timer and fires it. In-memory links deliver
 * in microtasks, so request/reply exchanges complete at a fixed virtual time and only waits, polls and
 * deadlines move the clock — seconds of charger time pass in milliseconds.
 */
export class AutoClock extends ManualClock {
  private running = false;
  private handle: ReturnType<typeof setImmediate> | undefined;

  /** Starts running time: one timer per event-loop turn. */
  start(): this {
    if (this.running) return this;
    this.running = true;
    const turn = (): void => {
      if (!this.running) return;
      this.runNext();
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
