/** A setting's value in user units: a number (V, A, Ah, °C, %, s, …), a boolean, a date or text. */
export type SettingValue = number | boolean | string;

/**
 * How a setting maps to its register:
 * - `number`: `value = raw × scale` (signed when `signed`);
 * - `temperature`: 0.1 K word, `°C = (raw − 2731) / 10`;
 * - `enum`: the field is an index into `values`;
 * - `boolean`: a one-bit field;
 * - `flags`: a bit set kept as its integer (named bits in `flagNames`);
 * - `date`: a date word, value `YYYY-MM-DD`;
 * - `string`: a string register `[n][text]`.
 */
export type SettingKind = "number" | "temperature" | "enum" | "boolean" | "flags" | "date" | "string";

/** One EEPROM setting: a row of the settings table. */
export interface SettingDef {
  /** Name (bms-tools / `.fig` mapping names). */
  readonly name: string;
  /** Register address. */
  readonly address: number;
  /** How the value is encoded. */
  readonly kind: SettingKind;
  /** What it is. */
  readonly description: string;
  /** Unit of the value (`V`, `A`, `Ah`, `°C`, `%`, `s`, `mΩ`, `mV`, `µs`, `ms`). */
  readonly unit?: string;
  /** Value per raw step for `number` (default 1). */
  readonly scale?: number;
  /** Two's complement field (`number` only). */
  readonly signed?: boolean;
  /** Lowest bit of the field within the 16-bit register (default 0). */
  readonly shift?: number;
  /** Width of the field in bits (default 16). */
  readonly width?: number;
  /** Lowest accepted value for writes, in value units. */
  readonly min?: number;
  /** Highest accepted value for writes, in value units. */
  readonly max?: number;
  /** `enum`: the value of each raw index. */
  readonly values?: readonly number[];
  /** `flags`: the name of each bit. */
  readonly flagNames?: readonly string[];
  /** `flags`: other accepted names of bits (e.g. bms-tools' `scrl`), mapped to a name in `flagNames`. */
  readonly flagAliases?: Readonly<Record<string, string>>;
  /** The register is missing on some firmware (reads answer 0x80). */
  readonly optional?: boolean;
}
