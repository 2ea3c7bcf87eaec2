import { BattError } from "./errors.js";
import type { PluginOptionValues } from "./device-plugin.js";

/** What a numeric plugin option must be: within `min`..`max`, and whole when `integer`. */
export interface NumberRange {
  /** Smallest accepted value. */
  readonly min?: number;
  /** Largest accepted value. */
  readonly max?: number;
  /** Whether only whole numbers are accepted (default false). */
  readonly integer?: boolean;
}

/**
 * A numeric option of a device plugin (`--timeout 500`, `--address 0x10`): `undefined` when absent
 * or empty, else the number, checked against `range`.
 *
 * @throws BattError `invalid-argument` when the value is not a number or is outside `range`.
 */
export function numberOption(options: PluginOptionValues, name: string, range: NumberRange = {}): number | undefined {
  const raw = options[name];
  if (raw === undefined || raw === false || raw === "") return undefined;
  const value = Number(raw);
  const { min, max, integer = false } = range;
  const fits = Number.isFinite(value) && (min === undefined || value >= min) && (max === undefined || value <= max) && (!integer || Number.isInteger(value));
  if (!fits) {
    const bounds =
      min !== undefined && max !== undefined ? ` from ${min} to ${max}` : min !== undefined ? ` ≥ ${min}` : max !== undefined ? ` ≤ ${max}` : "";
    throw new BattError("invalid-argument", `--${name} must be ${integer ? "an integer" : "a number"}${bounds}, got ${String(raw)}`);
  }
  return value;
}
