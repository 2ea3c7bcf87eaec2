import { isBattError, type DeviceControl, type DeviceReading, type DeviceSession, type DeviceSettings } from "@batt/core";
import type { JbdBms } from "../jbd-bms.js";
import type { JbdReading } from "../reading.js";
import { JbdDeviceSettings } from "../settings/device-settings.js";
import { jbdControls } from "./controls.js";

/** A connected JBD BMS as the `batt` command uses it. */
export class JbdSession implements DeviceSession<JbdReading> {
  /** The charge and discharge MOSFET switches. */
  readonly controls: readonly DeviceControl[];
  /** The EEPROM settings: fields, read, check, careful write, JSON and `.fig` files. */
  readonly settings: DeviceSettings;
  private modelAsked = false;

  constructor(
    /** The driver. */
    readonly bms: JbdBms,
  ) {
    this.controls = jbdControls(bms);
    this.settings = new JbdDeviceSettings(bms);
  }

  /**
   * The driver's reading. The first call also reads the model string (register 0x05) once, for the
   * identity; it is never polled, as some units stop answering when it is.
   */
  async read(signal?: AbortSignal): Promise<DeviceReading<JbdReading>> {
    if (!this.modelAsked) {
      this.modelAsked = true;
      await this.bms.readDeviceName(signal).catch((error: unknown) => {
        // A BMS that does not answer 0x05 is read without a model; a cancel still cancels.
        if (isBattError(error, "aborted") || signal?.aborted) throw error;
      });
    }
    return this.bms.read(signal ? { signal } : {});
  }

  /** Releases the driver; the caller closes the transport. */
  async close(): Promise<void> {
    this.bms.dispose();
  }
}
