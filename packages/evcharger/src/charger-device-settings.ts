import {
  checkSettingValues,
  isBattError,
  settingsWriteError,
  type CallOptions,
  type DeviceSettings,
  type SettingField,
  type SettingsWriteResult,
  type SettingValue,
  type SettingValues,
} from "@batt/core";
import type { EnumValue } from "@batt/modbus-rtu";
import type { SettingWriteResult } from "./charger-reading.js";
import { CHARGE_CURRENT_KEY, CHARGER_SETTINGS, chargerSettingFields } from "./charger-setting-fields.js";
import type { EvCharger } from "./ev-charger.js";
import type { HoldingName } from "./holding-registers.js";

/** A decoded holding value as a setting value: an enum by its name (its number when unnamed), a number as is. */
function settingValueOf(decoded: unknown): SettingValue | undefined {
  if (typeof decoded === "number") return decoded;
  if (typeof decoded === "object" && decoded !== null && "value" in decoded) {
    const e = decoded as EnumValue;
    return e.name ?? e.value;
  }
  return undefined;
}

/** Second-generation registers outside the blocks `readSettings` reads; each read alone, left out when the firmware refuses it. */
const G2_EXTRA: readonly HoldingName[] = ["g2MaxCurrent", "evseMode", "phaseSwitch"];

/**
 * The stored settings of a Solax-protocol EV charger behind the shared {@link DeviceSettings}
 * seam: the fields of `chargerSettingFields`, read with the driver's `readSettings`, written with
 * its careful writers (`setChargeCurrent` for the charging current, with the rating check;
 * `writeSetting` for the others: checked against the map, skipped when the charger holds the value,
 * EEPROM-backed registers at most once per interval, read back). No file formats.
 */
export class EvChargerDeviceSettings implements DeviceSettings {
  /** Every setting, grouped for an editor. */
  readonly fields: readonly SettingField[] = chargerSettingFields();

  constructor(
    /** The driver. */
    readonly charger: EvCharger,
  ) {}

  /** Reads the settings blocks (and, on a second-generation charger, its current limit, EVSE mode and phase switch). */
  async read(signal?: AbortSignal): Promise<SettingValues> {
    const call: CallOptions = signal ? { signal } : {};
    const generation = await this.charger.generation(call);
    const decoded: Record<string, unknown> = { ...(await this.charger.readSettings(call)).settings };
    if (generation === "g2") {
      const map = this.charger.holdingMap("g2");
      for (const name of G2_EXTRA) {
        const field = map.fields[name];
        try {
          decoded[name] = map.decodeField(name, field.address, await this.charger.client.readHoldingRegisters(this.charger.address, field.address, 1, call));
        } catch (error) {
          if (!isBattError(error, "device-exception")) throw error;
        }
      }
    }
    const values: Record<string, SettingValue> = {};
    const current = settingValueOf(decoded[generation === "g2" ? "g2MaxCurrent" : "maxCurrent"]);
    if (current !== undefined) values[CHARGE_CURRENT_KEY] = current;
    for (const { name } of CHARGER_SETTINGS) {
      const value = settingValueOf(decoded[name]);
      if (value !== undefined) values[name] = value;
    }
    return values;
  }

  /**
   * Checks `changes` as {@link EvChargerDeviceSettings.write} does, sending nothing: the fields'
   * checks (range, step, choices). The charger's rating and the EEPROM interval are checked by the
   * write, which knows them.
   *
   * @throws BattError `invalid-argument` naming the field.
   */
  check(changes: SettingValues): void {
    checkSettingValues(this.fields, changes);
  }

  /**
   * Writes each changed setting in field order with the driver's writers and returns the values
   * read back. A failure after some writes says in its message and `context` which settings were
   * `written` and which were `notWritten`.
   *
   * @throws BattError `invalid-argument` before anything is sent (also for a current above the
   *   rating or an EEPROM register changed too recently); `unsupported` for a second-generation
   *   setting on a first-generation charger; `verify-failed`; link errors.
   */
  async write(changes: SettingValues, signal?: AbortSignal): Promise<SettingsWriteResult> {
    this.check(changes);
    const call: CallOptions = signal ? { signal } : {};
    const keys = this.fields.map((f) => f.key).filter((k) => k in changes);
    const written: string[] = [];
    const unchanged: string[] = [];
    const values: Record<string, SettingValue> = {};
    for (const key of keys) {
      const value = changes[key]!;
      let result: SettingWriteResult;
      try {
        result = key === CHARGE_CURRENT_KEY ? await this.charger.setChargeCurrent(value as number, call) : await this.charger.writeSetting(key as HoldingName, value as never, call);
      } catch (error) {
        throw settingsWriteError(error, written, keys.filter((k) => !written.includes(k) && !unchanged.includes(k)));
      }
      (result.written ? written : unchanged).push(key);
      values[key] = settingValueOf(result.value) ?? value;
    }
    return { written, unchanged, values };
  }
}
