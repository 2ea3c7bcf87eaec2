import type { SettingChoice, SettingField } from "@batt/core";
import { JBD_STRING_MAX } from "../text.js";
import { JBD_SETTINGS } from "./table.js";
import type { SettingDef } from "./types.js";

/** Headings of the settings editor, in the order it shows them. */
export const JBD_SETTING_GROUPS = [
  "Capacity",
  "Cell protection",
  "Pack protection",
  "Temperature protection",
  "Current protection",
  "Balancer",
  "Function",
  "Temperature sensors",
  "Hardware",
  "Identity",
] as const;

/** One heading of {@link JBD_SETTING_GROUPS}. */
export type JbdSettingGroup = (typeof JBD_SETTING_GROUPS)[number];

/** The heading of each table row: data, read by {@link jbdSettingFields}. */
const GROUP_OF: Readonly<Record<string, JbdSettingGroup>> = {
  design_cap: "Capacity",
  cycle_cap: "Capacity",
  dsg_rate: "Capacity",
  cap_100: "Capacity",
  cap_100_new: "Capacity",
  cap_90: "Capacity",
  cap_80: "Capacity",
  cap_70: "Capacity",
  cap_60: "Capacity",
  cap_50: "Capacity",
  cap_40: "Capacity",
  cap_30: "Capacity",
  cap_20: "Capacity",
  cap_10: "Capacity",
  cap_0: "Capacity",
  covp: "Cell protection",
  covp_rel: "Cell protection",
  covp_delay: "Cell protection",
  cuvp: "Cell protection",
  cuvp_rel: "Cell protection",
  cuvp_delay: "Cell protection",
  covp_high: "Cell protection",
  covp_high_delay: "Cell protection",
  cuvp_high: "Cell protection",
  cuvp_high_delay: "Cell protection",
  povp: "Pack protection",
  povp_rel: "Pack protection",
  povp_delay: "Pack protection",
  puvp: "Pack protection",
  puvp_rel: "Pack protection",
  puvp_delay: "Pack protection",
  chgot: "Temperature protection",
  chgot_rel: "Temperature protection",
  chgot_delay: "Temperature protection",
  chgut: "Temperature protection",
  chgut_rel: "Temperature protection",
  chgut_delay: "Temperature protection",
  dsgot: "Temperature protection",
  dsgot_rel: "Temperature protection",
  dsgot_delay: "Temperature protection",
  dsgut: "Temperature protection",
  dsgut_rel: "Temperature protection",
  dsgut_delay: "Temperature protection",
  chgoc: "Current protection",
  chgoc_delay: "Current protection",
  chgoc_rel: "Current protection",
  dsgoc: "Current protection",
  dsgoc_delay: "Current protection",
  dsgoc_rel: "Current protection",
  dsgoc2: "Current protection",
  dsgoc2_delay: "Current protection",
  sc: "Current protection",
  sc_delay: "Current protection",
  sc_rel: "Current protection",
  sc_dsgoc_x2: "Current protection",
  bal_start: "Balancer",
  bal_window: "Balancer",
  func_config: "Function",
  fet_ctrl: "Function",
  led_timer: "Function",
  gps_off_voltage: "Function",
  gps_off_delay: "Function",
  ntc_config: "Temperature sensors",
  shunt_res: "Hardware",
  cell_cnt: "Hardware",
  mfg_name: "Identity",
  device_name: "Identity",
  barcode: "Identity",
  mfg_date: "Identity",
  serial_num: "Identity",
  cycle_cnt: "Identity",
};

/** What each named bit of the bit-set settings means (docs/protocols/jbd.md#function-configuration-0x2d, V11 / OKS names). */
const BIT_NAMES: Readonly<Record<string, string>> = {
  switch: "switch input (SW connector)",
  loadLock: "load detection after a short circuit (load lock)",
  balanceEnable: "balancer enabled",
  balanceOnlyWhileCharging: "balance only while charging",
  ledEnable: "LEDs enabled",
  ledCount: "LED state-of-charge display",
  fccRestriction: "full-charge capacity restriction",
  rtc: "real-time clock",
  chargingHandshake: "charging handshake",
  gps: "GPS",
  buzzer: "buzzer",
  startingBattery: "starting-battery mode",
  unitTimes10: "current and capacity unit ×10",
  bleRadioPower: "Bluetooth radio power",
  ntc1: "NTC 1 enabled",
  ntc2: "NTC 2 enabled",
  ntc3: "NTC 3 enabled",
  ntc4: "NTC 4 enabled",
  ntc5: "NTC 5 enabled",
  ntc6: "NTC 6 enabled",
  ntc7: "NTC 7 enabled",
  ntc8: "NTC 8 enabled",
};

/** The key of one named bit of a bit-set setting: `func_config.balanceEnable`. */
export function bitKey(setting: string, bit: string): string {
  return `${setting}.${bit}`;
}

/** Decimal step of a scale without float noise (0.1 stays 0.1). */
function stepOf(def: SettingDef): number {
  if (def.kind === "temperature") return 0.1;
  return def.scale ?? 1;
}

/** Every index an enum field can hold: the table's values, then `raw:N` for indexes the table does not name (other AFE chips). */
function choicesOf(def: SettingDef): SettingChoice[] {
  const values = def.values ?? [];
  const unit = def.unit ? ` ${def.unit}` : "";
  const named = values.map((value) => ({ value, label: `${value}${unit}` }));
  const slots = 1 << (def.width ?? 16);
  const raw = Array.from({ length: Math.max(0, slots - values.length) }, (_, i) => ({ value: `raw:${values.length + i}`, label: `raw ${values.length + i}` }));
  return [...named, ...raw];
}

function fieldsOf(def: SettingDef): SettingField[] {
  const group = GROUP_OF[def.name] ?? "Function";
  const unit = def.unit ? { unit: def.unit } : {};
  const range = { ...(def.min !== undefined ? { min: def.min } : {}), ...(def.max !== undefined ? { max: def.max } : {}) };
  switch (def.kind) {
    case "number":
    case "temperature":
      return [{ key: def.name, name: def.description, group, type: "number", ...unit, ...range, step: stepOf(def) }];
    case "enum":
      return [{ key: def.name, name: def.description, group, type: "enum", ...unit, choices: choicesOf(def) }];
    case "boolean":
      return [{ key: def.name, name: def.description, group, type: "boolean" }];
    case "date":
      return [{ key: def.name, name: def.description, group, type: "date" }];
    case "string":
      return [{ key: def.name, name: def.description, group, type: "text", maxLength: JBD_STRING_MAX }];
    case "flags":
      return (def.flagNames ?? []).map((bit) => ({ key: bitKey(def.name, bit), name: BIT_NAMES[bit] ?? `${def.description}: ${bit}`, group, type: "boolean" }));
  }
}

/**
 * The JBD settings as fields for an editor: one per row of {@link JBD_SETTINGS}, the bit-set rows
 * (`func_config`, `ntc_config`) as one on/off per named bit (`func_config.balanceEnable`), grouped
 * under {@link JBD_SETTING_GROUPS} in table order within a group. Numbers step by their register's
 * resolution (0.1 °C for temperatures); enums list every index the register field can hold, so a
 * value another AFE chip stored (`raw:12`) is still a known choice. Nothing is read-only: serial
 * number and cycle count are plain EEPROM words that JBDTools and bms-tools write, and a restore
 * onto a replacement board needs them.
 */
export function jbdSettingFields(): SettingField[] {
  const fields = JBD_SETTINGS.flatMap(fieldsOf);
  const order = (f: SettingField): number => JBD_SETTING_GROUPS.indexOf(f.group as JbdSettingGroup);
  return fields.map((f, i) => ({ f, i })).sort((a, b) => order(a.f) - order(b.f) || a.i - b.i).map(({ f }) => f);
}
