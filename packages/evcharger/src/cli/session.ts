import type { DeviceControl, DeviceReading, DeviceSession, DeviceSettings } from "@batt/core";
import type { EvChargerReading } from "../charger-reading.js";
import { EvChargerDeviceSettings } from "../charger-device-settings.js";
import type { EvCharger } from "../ev-charger.js";
import { evChargerControls } from "./controls.js";

/** A connected charger as the `batt` command uses it. */
export class EvChargerSession implements DeviceSession<EvChargerReading> {
  /** Start and stop charging, and the charging current. */
  readonly controls: readonly DeviceControl[];
  /** The stored settings (charging current, modes, boost times, grid limits), for an editor. */
  readonly settings: DeviceSettings;

  constructor(
    /** The driver. */
    readonly charger: EvCharger,
  ) {
    this.controls = evChargerControls(this.charger);
    this.settings = new EvChargerDeviceSettings(this.charger);
  }

  /** The charger's reading in the shared model ({@link EvCharger.read}). */
  read(signal?: AbortSignal): Promise<DeviceReading<EvChargerReading>> {
    return this.charger.read(signal ? { signal } : {});
  }

  /** Releases the driver; the caller closes the transport. */
  async close(): Promise<void> {
    this.charger.dispose();
  }
}
