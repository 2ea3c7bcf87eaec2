import { BattError } from "@batt/core";
import type { LvpRange } from "./constants.js";

/** What {@link VoltaicController.setLowVoltageProtection} did. */
export interface LvpWriteResult {
  /** The value before the write, V. */
  readonly previous: number;
  /** The value read back after the write (or the unchanged value), V. */
  readonly value: number;
  /** Whether a write was sent (false when the value was already set). */
  readonly written: boolean;
  /** Function code of the write that was accepted (0x06, or 0x10 after an exception 01), if one was sent. */
  readonly functionCode?: 0x06 | 0x10;
}

/**
 * Checks a low-voltage-protection value against the accepted range before anything is sent.
 *
 * @throws BattError `invalid-argument` for a value that is not a finite number or lies outside `range`.
 */
export function checkLvp(volts: number, range: LvpRange): void {
  if (typeof volts !== "number" || !Number.isFinite(volts)) {
    throw new BattError("invalid-argument", `low-voltage protection must be a number of volts, got ${String(volts)}`);
  }
  if (volts < range.min || volts > range.max) {
    throw new BattError("invalid-argument", `low-voltage protection ${volts} V is outside ${range.min}..${range.max} V`, { context: { range } });
  }
}

/** Checks that a configured range is usable: finite, min ≤ max, and within what the 0.01 V register holds. */
export function checkLvpRange(range: LvpRange): LvpRange {
  if (!(Number.isFinite(range.min) && Number.isFinite(range.max) && range.min > 0 && range.min <= range.max && range.max <= 655.35)) {
    throw new BattError("invalid-argument", `low-voltage protection range ${range.min}..${range.max} V is not valid`);
  }
  return range;
}
