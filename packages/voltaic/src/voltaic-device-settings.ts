import { checkSettingValues, type DeviceSettings, type SettingField, type SettingsWriteResult, type SettingValues } from "@batt/core";
import { VOLTAIC_HOLDING_REGISTERS } from "./registers.js";
import type { VoltaicController } from "./voltaic-controller.js";

/** The key of the one stored setting: holding 0x9022. */
const LVP = "lowVoltageProtection";

/**
 * The stored setting of a Voltaic charge controller behind the shared {@link DeviceSettings} seam:
 * the low-voltage protection threshold (holding 0x9022, 0.01 V), within the controller's accepted
 * range (`lvpRange`), written with `setLowVoltageProtection` (skipped when already set, FC 0x06 or
 * 0x10, read back). The load output is a control, not a setting. No file formats.
 */
export class VoltaicDeviceSettings implements DeviceSettings {
  /** The one field. */
  readonly fields: readonly SettingField[];

  constructor(
    /** The driver. */
    readonly controller: VoltaicController,
  ) {
    const field = VOLTAIC_HOLDING_REGISTERS.fields.lowVoltageProtection;
    this.fields = [
      {
        key: LVP,
        name: "low-voltage protection (load disconnect) threshold",
        group: "Load",
        type: "number",
        unit: field.unit,
        min: controller.lvpRange.min,
        max: controller.lvpRange.max,
        step: field.scale,
      },
    ];
  }

  /** Reads the threshold. */
  async read(signal?: AbortSignal): Promise<SettingValues> {
    return { [LVP]: await this.controller.readLowVoltageProtection(signal ? { signal } : {}) };
  }

  /**
   * Checks `changes` as {@link VoltaicDeviceSettings.write} does, sending nothing.
   *
   * @throws BattError `invalid-argument` naming the field.
   */
  check(changes: SettingValues): void {
    checkSettingValues(this.fields, changes);
  }

  /**
   * Writes the threshold with `setLowVoltageProtection` and returns it as read back.
   *
   * @throws BattError `invalid-argument` before anything is sent; `verify-failed`; `device-exception` and link errors.
   */
  async write(changes: SettingValues, signal?: AbortSignal): Promise<SettingsWriteResult> {
    this.check(changes);
    if (!(LVP in changes)) return { written: [], unchanged: [], values: {} };
    const result = await this.controller.setLowVoltageProtection(changes[LVP] as number, signal ? { signal } : {});
    return { written: result.written ? [LVP] : [], unchanged: result.written ? [] : [LVP], values: { [LVP]: result.value } };
  }
}
