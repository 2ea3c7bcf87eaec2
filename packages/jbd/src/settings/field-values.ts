import { BattError, type SettingValues } from "@batt/core";
import { bitKey } from "./setting-fields.js";
import { findSetting, JBD_SETTINGS } from "./table.js";
import type { SettingValue } from "./types.js";

/** Field values split by how they are stored: whole table settings, and named bits of bit-set settings. */
export interface SplitValues {
  /** Values of table rows, by setting name (`covp: 3.65`). */
  readonly plain: Record<string, SettingValue>;
  /** Named bits wanted, by bit-set setting (`func_config` → `balanceEnable` → true). */
  readonly bits: Map<string, Map<string, boolean>>;
}

/**
 * Splits field values (keys of `jbdSettingFields`) into table settings and named bits.
 *
 * @throws BattError `invalid-argument` for a key that is neither a setting nor a named bit.
 */
export function splitFieldValues(values: SettingValues): SplitValues {
  const plain: Record<string, SettingValue> = {};
  const bits = new Map<string, Map<string, boolean>>();
  for (const [key, value] of Object.entries(values)) {
    const dot = key.indexOf(".");
    const def = findSetting(dot < 0 ? key : key.slice(0, dot));
    const bit = dot < 0 ? undefined : key.slice(dot + 1);
    const known = def !== undefined && (def.kind === "flags" ? bit !== undefined && (def.flagNames ?? []).includes(bit) : bit === undefined);
    if (!known) throw new BattError("invalid-argument", `unknown setting "${key}"`, { context: { setting: key } });
    if (bit === undefined) plain[key] = value;
    else {
      if (typeof value !== "boolean") throw new BattError("invalid-argument", `${key}: needs on or off`, { context: { setting: key, value } });
      const set = bits.get(def.name) ?? new Map<string, boolean>();
      set.set(bit, value);
      bits.set(def.name, set);
    }
  }
  return { plain, bits };
}

/** `raw` with the named bits of bit-set setting `name` set or cleared as `bits` says; other bits kept. */
export function applyBits(name: string, raw: number, bits: ReadonlyMap<string, boolean>): number {
  const names = findSetting(name)?.flagNames ?? [];
  let out = raw;
  for (const [bit, on] of bits) {
    const mask = 1 << names.indexOf(bit);
    out = on ? out | mask : out & ~mask;
  }
  return out & 0xffff;
}

/**
 * Table values (as `readSettings`, backups and `.fig` imports give them) as field values: every
 * bit-set setting becomes its named bits (unnamed bits are not fields, and are left out).
 */
export function toFieldValues(table: Readonly<Record<string, SettingValue>>): Record<string, SettingValue> {
  const out: Record<string, SettingValue> = {};
  for (const def of JBD_SETTINGS) {
    const value = table[def.name];
    if (value === undefined) continue;
    if (def.kind !== "flags") out[def.name] = value;
    else if (typeof value === "number") (def.flagNames ?? []).forEach((bit, i) => (out[bitKey(def.name, bit)] = ((value >>> i) & 1) === 1));
  }
  return out;
}

/**
 * Field values as table values, for a file: named bits are gathered into their setting's integer
 * (unnamed bits 0), a bit-set setting with no bit given is left out.
 *
 * @throws BattError `invalid-argument` for an unknown key.
 */
export function toTableValues(values: SettingValues): Record<string, SettingValue> {
  const { plain, bits } = splitFieldValues(values);
  const out: Record<string, SettingValue> = {};
  for (const def of JBD_SETTINGS) {
    const wanted = bits.get(def.name);
    if (def.name in plain) out[def.name] = plain[def.name]!;
    else if (wanted) out[def.name] = applyBits(def.name, 0, wanted);
  }
  return out;
}
