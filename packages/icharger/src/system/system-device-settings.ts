import { checkSettingValues, type DeviceSettings, type SettingField, type SettingsWriteResult, type SettingValue, type SettingValues } from "@batt/core";
import type { RegisterField } from "@batt/modbus-rtu";
import type { ICharger } from "../icharger.js";
import { isOnOffField, systemSettingFields } from "./system-setting-fields.js";
import { systemLayoutOf, type SettingValue as SystemValue } from "./system-settings.js";
import type { SystemLayout } from "./system-layouts.js";

/**
 * The SYSTEM settings of an identified iCharger (holding 0x8400) behind the shared
 * {@link DeviceSettings} seam: fields from the model's SYSTEM layout (`systemSettingFields`), writes
 * through the driver's `writeSystemSettings` (checked against the layout and the model's power
 * limits, only differing registers written, the block read back and compared, then saved to flash
 * with ORDER_WRITE_SYS). Link settings are never written from here. No file formats.
 */
export class IChargerDeviceSettings implements DeviceSettings {
  /** Every SYSTEM setting of the model, grouped for an editor. */
  readonly fields: readonly SettingField[];
  private readonly layout: SystemLayout;

  /** @param charger An identified driver ({@link ICharger.open}): the fields follow its model. */
  constructor(readonly charger: ICharger) {
    this.layout = systemLayoutOf(charger.model);
    this.fields = systemSettingFields(this.layout, charger.model);
  }

  /** Reads the SYSTEM block; fields beyond the length the charger reports are left out. */
  async read(signal?: AbortSignal): Promise<SettingValues> {
    return this.toValues((await this.charger.readSystemSettings(signal)).values, this.fields.map((f) => f.key));
  }

  /**
   * Checks `changes` as {@link IChargerDeviceSettings.write} does, sending nothing (the driver
   * checks once more against the block it reads).
   *
   * @throws BattError `invalid-argument` naming the field.
   */
  check(changes: SettingValues): void {
    checkSettingValues(this.fields, changes);
  }

  /**
   * Writes `changes` with `writeSystemSettings` (one read, the differing registers, a read-back of
   * the block, a save to flash) and returns the values of the changed keys as read back.
   *
   * @throws BattError `invalid-argument` before anything is sent; `verify-failed` when the read-back
   *   differs; link errors.
   */
  async write(changes: SettingValues, signal?: AbortSignal): Promise<SettingsWriteResult> {
    this.check(changes);
    const fields = this.layout.map.fields as Readonly<Record<string, RegisterField>>;
    const input = Object.fromEntries(Object.entries(changes).map(([key, value]) => [key, typeof value === "boolean" && isOnOffField(fields[key]!) ? (value ? "on" : "off") : (value as number | string)]));
    const result = await this.charger.writeSystemSettings(input, signal ? { signal } : {});
    const keys = Object.keys(changes);
    return {
      written: keys.filter((k) => result.changed.includes(k)),
      unchanged: keys.filter((k) => !result.changed.includes(k)),
      values: this.toValues(result.settings.values, keys),
    };
  }

  private toValues(decoded: Readonly<Record<string, SystemValue>>, keys: readonly string[]): Record<string, SettingValue> {
    const fields = this.layout.map.fields as Readonly<Record<string, RegisterField>>;
    const out: Record<string, SettingValue> = {};
    for (const key of keys) {
      const value = decoded[key];
      if (value === undefined) continue;
      if (typeof value === "number" || typeof value === "string") out[key] = value;
      else if ("name" in value) out[key] = isOnOffField(fields[key]!) ? value.value === 1 : (value.name ?? value.value);
    }
    return out;
  }
}
