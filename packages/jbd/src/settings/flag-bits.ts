import { decodeFlags } from "../flags.js";
import type { SettingDef, SettingValue } from "./types.js";

/**
 * Every named bit of a bit-set setting (`func_config`, `ntc_config`) as a boolean, by name; `undefined`
 * for other settings. Unnamed bits stay in the setting's integer value.
 */
export function settingBits(def: SettingDef, value: SettingValue): Record<string, boolean> | undefined {
  if (def.kind !== "flags" || typeof value !== "number" || !def.flagNames) return undefined;
  return decodeFlags(value, def.flagNames);
}

/** The named bits of every bit-set setting among `values`, by setting name (`{ func_config: { switch: false, … } }`). */
export function bitsOf(defs: readonly SettingDef[], values: Readonly<Record<string, SettingValue>>): Record<string, Record<string, boolean>> {
  const out: Record<string, Record<string, boolean>> = {};
  for (const def of defs) {
    const value = values[def.name];
    const bits = value === undefined ? undefined : settingBits(def, value);
    if (bits) out[def.name] = bits;
  }
  return out;
}
