import type { DeviceReading, DeviceSession } from "@batt/core";
import type { VoltaicReading } from "../reading.js";
import type { VoltaicController } from "../voltaic-controller.js";

/** A connected controller as the `batt` command uses it. */
export class VoltaicSession implements DeviceSession<VoltaicReading> {
  constructor(
    /** The driver. */
    readonly controller: VoltaicController,
  ) {}

  /** The controller's reading in the shared model ({@link VoltaicController.read}). */
  read(signal?: AbortSignal): Promise<DeviceReading<VoltaicReading>> {
    return this.controller.read(signal ? { signal } : {});
  }

  /** Releases the driver; the caller closes the transport. */
  async close(): Promise<void> {
    this.controller.dispose();
  }
}
