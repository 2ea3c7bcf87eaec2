/** A setting's value in the units its field names: a number, an on/off, a name, a date (`YYYY-MM-DD`) or text. */
export type SettingValue = number | boolean | string;

/** Setting values by field key. */
export type SettingValues = Readonly<Record<string, SettingValue>>;

/** One choice of an `enum` field. */
export interface SettingChoice {
  /** The value stored. */
  readonly value: number | string;
  /** What a person reads (`LiFePO4`, `30 s`). */
  readonly label: string;
}

/**
 * One stored setting of a device, described for an editor that knows no device: what it is, its
 * unit and range, so that a form can check a value before anything is sent.
 */
export interface SettingField {
  /** Stable key (`covp`, `design_cap`): the name in backups and on the command line. */
  readonly key: string;
  /** What it is, for a person (`cell overvoltage`). */
  readonly name: string;
  /** Heading it belongs under (`Protections`, `Capacity`); absent: `General`. */
  readonly group?: string;
  /** How the value is entered: a number, an on/off, a choice, a date or free text. */
  readonly type: "number" | "boolean" | "enum" | "date" | "text";
  /** Unit a number is given in (`V`, `A`, `Ah`, `°C`, `%`, `s`, `mV`, …): shown next to the field. */
  readonly unit?: string;
  /** Least accepted number. */
  readonly min?: number;
  /** Greatest accepted number. */
  readonly max?: number;
  /** Step between accepted numbers (the register's resolution). */
  readonly step?: number;
  /** `enum`: the accepted values. */
  readonly choices?: readonly SettingChoice[];
  /** `text`: longest accepted text, in characters. */
  readonly maxLength?: number;
  /** Shown but never written (a cycle count kept by the device, a serial number). */
  readonly readOnly?: boolean;
}

/** A setting whose value would change. */
export interface SettingChange {
  /** Field key. */
  readonly key: string;
  /** Value on the device (absent when the device does not have the setting). */
  readonly from?: SettingValue;
  /** Value wanted. */
  readonly to: SettingValue;
}

/** What {@link DeviceSettings.write} did. */
export interface SettingsWriteResult {
  /** Keys written and confirmed by reading them back. */
  readonly written: readonly string[];
  /** Keys that already had the wanted value, so nothing was written for them. */
  readonly unchanged: readonly string[];
  /** The device's values after the write, as read back. */
  readonly values: SettingValues;
}

/** A file format settings are saved to and restored from (a JSON backup, JBDTools' `.fig`). */
export interface SettingsFileFormat {
  /** Stable id (`json`, `fig`). */
  readonly id: string;
  /** Name for a person (`JSON backup`, `JBDTools .fig`). */
  readonly name: string;
  /** File name extension with its dot (`.json`). */
  readonly extension: string;
  /** Media type for a download (`application/json`). */
  readonly mediaType: string;
  /**
   * The file's bytes for a full set of values (`values` as {@link DeviceSettings.read} returned them).
   *
   * @throws BattError `invalid-argument` when the format needs a value that is missing.
   */
  encode(values: SettingValues): Uint8Array;
  /**
   * The values a file holds, checked as a write would check them.
   *
   * @throws BattError `invalid-argument` for a file that is not of this format or holds a bad value.
   */
  decode(bytes: Uint8Array): SettingValues;
}

/**
 * A device's stored settings (protection thresholds, capacities, modes), as the dashboard's editor and
 * tools use them without knowing the device: describe, read all, check, write carefully.
 *
 * A write has the care of the device's own command-line writes: every value is checked before the
 * link carries anything, values already stored are not written again (EEPROM wear), each written value
 * is read back, any service mode is left whatever happens, and the write is done once it would survive
 * a power cycle.
 */
export interface DeviceSettings {
  /** Every setting, in the order an editor shows them. */
  readonly fields: readonly SettingField[];
  /** File formats for backups, first the preferred one (absent: none). */
  readonly formats?: readonly SettingsFileFormat[];
  /** Reads every setting the device has (fields it lacks are left out). */
  read(signal?: AbortSignal): Promise<SettingValues>;
  /**
   * Checks changes as {@link DeviceSettings.write} would, sending nothing: unknown keys, read-only
   * fields, values off range or step, and relations between fields (a release below its threshold).
   *
   * @throws BattError `invalid-argument` naming the field.
   */
  check(changes: SettingValues): void;
  /**
   * Writes `changes` (the keys to change only), reads them back and makes them permanent.
   *
   * @throws BattError `invalid-argument` before anything is sent; `verify-failed` when a read-back
   *   differs; link errors.
   */
  write(changes: SettingValues, signal?: AbortSignal): Promise<SettingsWriteResult>;
}
