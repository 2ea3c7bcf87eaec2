import type { DeviceControl, DeviceReading, DeviceSession, DeviceSettings } from "@batt/core";
import type { IChargerReading } from "../device/reading.js";
import type { ICharger } from "../icharger.js";
import { IChargerDeviceSettings } from "../system/system-device-settings.js";
import { systemLayoutOf } from "../system/system-settings.js";
import { ichargerControls, type IChargerControlOptions } from "./controls.js";

/** A connected iCharger as the `batt` command uses it. */
export class IChargerSession implements DeviceSession<IChargerReading> {
  /** Per channel: start buttons for charge, discharge, storage and balance (one preset slot), and stop; see {@link ichargerControls}. */
  readonly controls: readonly DeviceControl[];
  /** The SYSTEM settings, for an editor (absent for the DX layout, which is not documented field by field). */
  readonly settings?: DeviceSettings;

  constructor(
    /** The driver (identified: the controls follow its model's channels). */
    readonly charger: ICharger,
    /** Which preset slot the start buttons run. */
    controlOptions: IChargerControlOptions = {},
  ) {
    this.controls = ichargerControls(this.charger, controlOptions);
    if (systemLayoutOf(charger.model).map.names.length > 0) this.settings = new IChargerDeviceSettings(charger);
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
