import type { DeviceSession } from "@batt/core";
import type { VoltaicReading } from "../reading.js";
import type { VoltaicController } from "../voltaic-controller.js";

/** A connected controller as the `batt` command uses it. */
export class VoltaicSession implements DeviceSession {
  constructor(
    /** The driver. */
    readonly controller: VoltaicController,
  ) {}

  /** Real-time values, load state and low-voltage protection. */
  read(signal?: AbortSignal): Promise<VoltaicReading> {
    return this.controller.read(signal ? { signal } : {});
  }

  /** Releases the driver; the caller closes the transport. */
  async close(): Promise<void> {
    this.controller.dispose();
  }
}
