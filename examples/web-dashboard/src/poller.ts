import type { DeviceReading, DeviceSession } from "@batt/core";

/** Callbacks of a {@link Poller}. */
export interface PollerEvents {
  reading(reading: DeviceReading<unknown>): void;
  error(error: unknown): void;
}

/** Reads the session, waits, reads again: one reading at a time, never overlapping. */
export class Poller {
  private readonly abort = new AbortController();

  constructor(
    private readonly session: DeviceSession,
    private readonly intervalMs: number,
    private readonly events: PollerEvents,
  ) {}

  start(): void {
    void this.loop();
  }

  stop(): void {
    this.abort.abort();
  }

  private async loop(): Promise<void> {
    const signal = this.abort.signal;
    while (!signal.aborted) {
      try {
        const reading = await this.session.read(signal);
        if (!signal.aborted) this.events.reading(reading);
      } catch (error) {
        if (!signal.aborted) this.events.error(error);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.intervalMs);
        signal.addEventListener("abort", () => {
          clearTimeout(timer);
          resolve();
        }, { once: true });
      });
    }
  }
}
