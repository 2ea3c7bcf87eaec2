import { UsageError } from "../exit-codes.js";

/** How one kind of quantity is written on the command line. */
export interface QuantityUnits {
  /** What the values are, for messages ("cell voltage"). */
  readonly what: string;
  /** Factor that turns a bare number into the result unit. */
  readonly bareFactor: number;
  /** Accepted suffixes (lower case) and the factor that turns them into the result unit. */
  readonly suffixes: Readonly<Record<string, number>>;
  /** The suffixes as people write them, for messages ("V, mV"). */
  readonly suffixText: string;
  /** Largest magnitude in the result unit; beyond it the number was most likely written in the wrong unit. */
  readonly max: number;
  /** Hint for a value beyond `max` ("write 3815mV for millivolts"). */
  readonly hint: string;
}

/** Cell voltages: bare numbers are volts; results are millivolts. */
export const VOLTAGE_UNITS: QuantityUnits = {
  what: "cell voltage",
  bareFactor: 1000,
  suffixes: { v: 1000, mv: 1 },
  suffixText: "V, mV",
  max: 10_000,
  hint: "values are in V; write 3815mV for millivolts",
};

/** Load current: bare numbers are amperes; results are milliamperes. */
export const CURRENT_UNITS: QuantityUnits = {
  what: "current",
  bareFactor: 1000,
  suffixes: { a: 1000, ma: 1 },
  suffixText: "A, mA",
  max: 1_000_000,
  hint: "values are in A; write 4440mA for milliamperes",
};

/** Cell internal resistance: bare numbers are milliohms; results are milliohms. */
export const RESISTANCE_UNITS: QuantityUnits = {
  what: "cell resistance",
  bareFactor: 1,
  // Lower case: "mΩ" is looked up as "mω".
  suffixes: { "mω": 1, mohm: 1, "ω": 1000, ohm: 1000 },
  suffixText: "mΩ, mohm, Ω, ohm",
  max: 10_000,
  hint: "values are in mΩ",
};

const NUMBER = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)\s*(\S*)$/i;

/**
 * Parses a comma-separated list of quantities (`3.815,3.811` or `3815mV,3811mV`). A bare number is in the
 * unit `units` names first (V, A, mΩ); a suffix on the last value alone applies to the whole list (`3815,3811mV`).
 *
 * @returns The values in the result unit of `units` (mV, mA or mΩ).
 * @throws UsageError naming `option` for anything that is not such a list or lies beyond `units.max`.
 */
export function parseQuantityList(text: string, option: string, units: QuantityUnits): number[] {
  const tokens = text.split(",").map((t) => t.trim());
  if (tokens.some((t) => t === "")) throw new UsageError(`${option}: expected comma-separated numbers, got "${text}"`);
  const parsed = tokens.map((token) => {
    const match = NUMBER.exec(token);
    if (!match) throw new UsageError(`${option}: "${token}" is not a number`);
    return { value: Number(match[1]), suffix: match[2]!, token };
  });
  const last = parsed[parsed.length - 1]!;
  const listSuffix = last.suffix !== "" && parsed.slice(0, -1).every((p) => p.suffix === "") ? last.suffix : "";
  return parsed.map(({ value, suffix, token }) => {
    const unit = suffix === "" ? listSuffix : suffix;
    const factor = unit === "" ? units.bareFactor : units.suffixes[unit.toLowerCase()];
    if (factor === undefined) throw new UsageError(`${option}: unknown unit "${unit}" in "${token}" (use ${units.suffixText})`);
    // Rounded so that 3.815 V is 3815 mV, not 3814.9999999999995.
    const result = Math.round(value * factor * 1e6) / 1e6;
    if (!Number.isFinite(result) || Math.abs(result) > units.max) throw new UsageError(`${option}: ${token} is not a plausible ${units.what}; ${units.hint}`);
    return result;
  });
}

/** Parses one quantity (`4.44`, `4440mA`) as {@link parseQuantityList} does. */
export function parseQuantity(text: string, option: string, units: QuantityUnits): number {
  const values = parseQuantityList(text, option, units);
  if (values.length !== 1) throw new UsageError(`${option}: expected one value, got "${text}"`);
  return values[0]!;
}

/** Chemistry words accepted by `--chemistry` (and a measurement file), with the name stored in the library. */
const CHEMISTRY_WORDS: Readonly<Record<string, string>> = {
  lipo: "LiPo",
  "li-po": "LiPo",
  lihv: "LiHV",
  "li-hv": "LiHV",
  liion: "LiIon",
  "li-ion": "LiIon",
  liio: "LiIon",
  lifepo4: "LiFePO4",
  life: "LiFePO4",
  lfp: "LiFePO4",
  lto: "LTO",
};

/** The chemistries `--chemistry` takes, for `--help`. */
export const CHEMISTRY_CHOICES = "lipo|lihv|liion|lifepo4|lto";

/**
 * The library's name for a chemistry word (`lipo` → `LiPo`, `LiFe` → `LiFePO4`); case is ignored. Packs of
 * different known chemistries never match, so every spelling of one chemistry must give the same name.
 *
 * @throws UsageError naming `where` for an unknown word.
 */
export function chemistryName(text: string, where: string): string {
  const name = CHEMISTRY_WORDS[text.trim().toLowerCase()];
  if (name === undefined) throw new UsageError(`${where}: unknown chemistry "${text}" (use ${CHEMISTRY_CHOICES.split("|").join(", ")})`);
  return name;
}

/**
 * Parses a measurement time (ISO 8601 date or date-time) into an ISO string.
 *
 * @throws UsageError naming `where` when it is not a valid time.
 */
export function parseTime(text: string, where: string): string {
  // Date.parse alone takes "1" for 2001-01-01; a time must at least start with a full date.
  const ms = /^\d{4}-\d{2}-\d{2}/.test(text.trim()) ? Date.parse(text.trim()) : Number.NaN;
  if (!Number.isFinite(ms)) throw new UsageError(`${where}: expected a date such as 2025-03-01 or 2025-03-01T14:30:00Z, got "${text}"`);
  return new Date(ms).toISOString();
}
