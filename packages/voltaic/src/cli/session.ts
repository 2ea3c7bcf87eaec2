import type { DeviceControl, DeviceReading, DeviceSession, DeviceSettings } from "@batt/core";
import type { VoltaicReading } from "../reading.js";
import type { VoltaicController } from "../voltaic-controller.js";
import { VoltaicDeviceSettings } from "../voltaic-device-settings.js";
import { voltaicControls } from "./controls.js";

/** A connected controller as the `batt` command uses it. */
export class VoltaicSession implements DeviceSession<VoltaicReading> {
  /** The load output switch. */
  readonly controls: readonly DeviceControl[];
  /** The low-voltage protection threshold, for an editor. */
  readonly settings: DeviceSettings;

  constructor(
    /** The driver. */
    readonly controller: VoltaicController,
  ) {
    this.controls = voltaicControls(this.controller);
    this.settings = new VoltaicDeviceSettings(this.controller);
  }

  /** The controller's reading in the shared model ({@link VoltaicController.read}). */
  read(signal?: AbortSignal): Promise<DeviceReading<VoltaicReading>> {
    return this.controller.read(signal ? { signal } : {});
  }

  /** Releases the driver; the caller closes the transport. */
  async close(): Promise<void> {
    this.controller.dispose();
  }
}
