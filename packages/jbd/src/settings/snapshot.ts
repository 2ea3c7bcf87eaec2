import type { RegisterValue } from "./convert.js";
import { decodeSetting } from "./convert.js";
import { bitsOf } from "./flag-bits.js";
import { JBD_SETTINGS } from "./table.js";
import type { SettingValue } from "./types.js";

/** Settings as read from a BMS. JSON-ready. */
export interface SettingsSnapshot {
  /** Values in user units, by setting name (settings of unsupported registers are absent). */
  readonly values: Readonly<Record<string, SettingValue>>;
  /** Register contents by address: words, or text for string registers. */
  readonly registers: Readonly<Record<number, RegisterValue>>;
  /** Settings whose register the firmware does not have (answered 0x80). */
  readonly unsupported: readonly string[];
  /** The named bits of the bit-set settings read (`func_config`: switch, loadLock, balanceEnable, …; `ntc_config`: ntc1–ntc8). */
  readonly bits: Readonly<Record<string, Readonly<Record<string, boolean>>>>;
}

/** Builds a snapshot from register contents; settings whose register is missing are listed as unsupported when `unsupported` says so. */
export function snapshotFromRegisters(registers: ReadonlyMap<number, RegisterValue>, unsupported: ReadonlySet<number> = new Set()): SettingsSnapshot {
  const values: Record<string, SettingValue> = {};
  const names: string[] = [];
  for (const def of JBD_SETTINGS) {
    const register = registers.get(def.address);
    if (register !== undefined) values[def.name] = decodeSetting(def, register);
    else if (unsupported.has(def.address)) names.push(def.name);
  }
  return { values, registers: Object.fromEntries(registers), unsupported: names, bits: bitsOf(JBD_SETTINGS, values) };
}
