import type { DeviceControl, DeviceReading, DeviceSession } from "@batt/core";
import type { IChargerReading } from "../device/reading.js";
import type { ICharger } from "../icharger.js";
import { ichargerControls } from "./controls.js";

/** A connected iCharger as the `batt` command uses it. */
export class IChargerSession implements DeviceSession<IChargerReading> {
  /** A stop button per channel. */
  readonly controls: readonly DeviceControl[];

  constructor(
    /** The driver. */
    readonly charger: ICharger,
  ) {
    this.controls = ichargerControls(this.charger);
  }

  /** The driver's {@link ICharger.read}: both channels and the charger's measurements. */
  read(signal?: AbortSignal): Promise<DeviceReading<IChargerReading>> {
    return this.charger.read(signal ? { signal } : {});
  }

  /** Releases the driver; the caller closes the transport. */
  async close(): Promise<void> {
    this.charger.dispose();
  }
}
