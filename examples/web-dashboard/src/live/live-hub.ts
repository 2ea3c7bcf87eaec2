import type { DeviceReading } from "@batt/core";
import type { LiveEvents } from "./live-device.js";

/** The watchers of one device: readings and errors fan out to each, the latest reading kept. */
export class LiveHub {
  private readonly watchers = new Set<LiveEvents>();
  /** The latest reading, once there is one. */
  latest: DeviceReading<unknown> | undefined;

  /** Adds a watcher; returns its removal. */
  subscribe(events: LiveEvents): () => void {
    this.watchers.add(events);
    return () => this.watchers.delete(events);
  }

  /** Hands a reading to every watcher. */
  reading(reading: DeviceReading<unknown>): void {
    this.latest = reading;
    for (const w of this.watchers) w.reading?.(reading);
  }

  /** Hands a failure to every watcher. */
  error(error: unknown): void {
    for (const w of this.watchers) w.error?.(error);
  }
}
