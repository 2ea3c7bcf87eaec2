import { BattError, type DeviceSettings, type SettingField, type SettingsFileFormat, type SettingsWriteResult, type SettingValues } from "@batt/core";
import type { BackupDevice } from "../backup.js";
import type { JbdBms } from "../jbd-bms.js";
import { checkJbdValues } from "./check-values.js";
import { decodeSetting, encodeSetting, insertField } from "./convert.js";
import { applyBits, splitFieldValues, toFieldValues } from "./field-values.js";
import { jbdFigFormat, jbdJsonFormat } from "./file-formats.js";
import { jbdSettingFields } from "./setting-fields.js";
import { findSetting } from "./table.js";
import type { SettingValue } from "./types.js";

/** Options of {@link JbdDeviceSettings}. */
export interface JbdDeviceSettingsOptions {
  /** The BMS written into JSON backups (default: nothing known). */
  readonly device?: () => BackupDevice;
  /** The time of a JSON backup's `created` (default: now). */
  readonly now?: () => Date;
}

/**
 * The EEPROM settings of a JBD BMS behind the shared {@link DeviceSettings} seam: fields from the
 * settings table (`jbdSettingFields`), reads and writes through the driver's own
 * `readSettings`/`writeSettings` (factory mode always left, registers already holding the value not
 * written, each written register read back, saved with the saving exit), JSON backup and `.fig` files.
 *
 * Named bits (`func_config.balanceEnable`) are written into their register as it stands on the BMS:
 * a write that changes bits first reads that register, so bits that are no field are kept.
 */
export class JbdDeviceSettings implements DeviceSettings {
  /** Every setting, grouped for an editor. */
  readonly fields: readonly SettingField[] = jbdSettingFields();
  /** JSON backup (`batt jbd backup`), then JBDTools `.fig`. */
  readonly formats: readonly SettingsFileFormat[];
  /** Values last read or written, for the relation checks of {@link JbdDeviceSettings.check}. */
  private known: Record<string, SettingValue> = {};

  constructor(
    /** The driver. */
    readonly bms: JbdBms,
    options: JbdDeviceSettingsOptions = {},
  ) {
    this.formats = [jbdJsonFormat(this.fields, options), jbdFigFormat(this.fields)];
  }

  /** Every setting the BMS has, in one factory-mode session (registers the firmware lacks are left out). */
  async read(signal?: AbortSignal): Promise<SettingValues> {
    const values = toFieldValues((await this.bms.readSettings(undefined, signal)).values);
    this.known = { ...values };
    return values;
  }

  /**
   * Checks `changes` as {@link JbdDeviceSettings.write} does, sending nothing. Releases are checked
   * against their thresholds among the changes and the values last read; the write checks them
   * again against the BMS.
   *
   * @throws BattError `invalid-argument` naming the field or the relation.
   */
  check(changes: SettingValues): void {
    checkJbdValues(this.fields, changes, this.known);
  }

  /**
   * Writes `changes` with the driver's `writeSettings` (the care of `batt jbd settings set`) and
   * returns the values of the changed keys as verified by reading them back.
   *
   * @throws BattError `invalid-argument` before anything is sent; `verify-failed`, `unsupported`, link errors.
   */
  async write(changes: SettingValues, signal?: AbortSignal): Promise<SettingsWriteResult> {
    this.check(changes);
    const { plain, bits } = splitFieldValues(changes);
    const before = bits.size > 0 ? (await this.bms.readSettings([...bits.keys()], signal)).values : {};
    const table: Record<string, SettingValue> = { ...plain };
    for (const [name, wanted] of bits) {
      const raw = before[name];
      if (typeof raw !== "number") throw new BattError("unsupported", `this BMS has no setting ${name}`, { context: { setting: name } });
      table[name] = applyBits(name, raw, wanted);
    }
    const report = await this.bms.writeSettings(table, signal ? { signal } : {});

    // Each register written was read back equal to what was sent and each unchanged one was read
    // equal to it, so the BMS holds the wanted values as their registers store them.
    const stored = toFieldValues(Object.fromEntries(Object.entries(table).map(([name, value]) => [name, normalised(name, value)])));
    const old = toFieldValues(before);
    const registerWritten = new Set(report.written);
    const written: string[] = [];
    const unchanged: string[] = [];
    const values: Record<string, SettingValue> = {};
    for (const key of Object.keys(changes)) {
      values[key] = stored[key]!;
      const setting = key.split(".")[0]!;
      // A named bit counts as written only when its own bit changed, not just its register.
      const changed = registerWritten.has(setting) && (key === setting || old[key] !== stored[key]);
      (changed ? written : unchanged).push(key);
    }
    this.known = { ...this.known, ...values };
    return { written, unchanged, values };
  }
}

/** A value as its register stores it (3.6504 V → 3.65 V). */
function normalised(name: string, value: SettingValue): SettingValue {
  const def = findSetting(name)!;
  const field = encodeSetting(def, value);
  return typeof field === "string" ? field : decodeSetting(def, insertField(def, 0, field));
}
