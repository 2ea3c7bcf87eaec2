import type { DeviceSession } from "@batt/core";
import { Poller } from "../poller.js";
import type { LiveDevice, LiveEvents } from "./live-device.js";
import { LiveHub } from "./live-hub.js";

/** A driver in this page, read every `intervalMs` (one reading at a time), as a {@link LiveDevice}. */
export class PolledDevice implements LiveDevice {
  private readonly hub = new LiveHub();
  private readonly poller: Poller;

  constructor(
    readonly key: string,
    readonly title: string,
    readonly session: DeviceSession,
    intervalMs: number,
  ) {
    this.poller = new Poller(session, intervalMs, { reading: (r) => this.hub.reading(r), error: (e) => this.hub.error(e) });
  }

  get controls() {
    return this.session.controls ?? [];
  }

  get settings() {
    return this.session.settings;
  }

  get latest() {
    return this.hub.latest;
  }

  subscribe(events: LiveEvents): () => void {
    return this.hub.subscribe(events);
  }

  /** Starts polling. */
  start(): void {
    this.poller.start();
  }

  /** Stops polling (the session is closed by its owner). */
  stop(): void {
    this.poller.stop();
  }
}
