import { FUNCTION_FLAG_ALIASES, FUNCTION_FLAGS, NTC_FLAGS } from "../flags.js";
import type { SettingDef } from "./types.js";

const TEMP = { kind: "temperature", unit: "°C", min: -40, max: 100 } as const;
const CELL_V = { kind: "number", unit: "V", scale: 0.001, min: 1, max: 5 } as const;
const PACK_V = { kind: "number", unit: "V", scale: 0.01, min: 0, max: 655.35 } as const;
const CAPACITY = { kind: "number", unit: "Ah", scale: 0.01, min: 0, max: 655.35 } as const;
const SECONDS = { kind: "number", unit: "s", min: 0, max: 65535 } as const;
/** A delay in the first (high) byte of a register. */
const HIGH_DELAY = { kind: "number", unit: "s", shift: 8, width: 8, min: 0, max: 255 } as const;
/** A delay in the second (low) byte of a register. */
const LOW_DELAY = { kind: "number", unit: "s", shift: 0, width: 8, min: 0, max: 255 } as const;

/**
 * Every EEPROM setting of the JBD BMS (docs/protocols/jbd.md#eeprom-registers), one row each. Registers holding two byte
 * fields or bit fields (0x38–0x3F) appear once per field with its `shift` and `width`; "byte0"
 * is the first byte on the wire, the high byte. Ranges follow the recommended bounds of docs/protocols/jbd.md#eeprom-registers
 * (temperatures −40…100 °C, cell voltages 1–5 V, delays 0–255 s, chgoc ≥ 0, dsgoc ≤ 0, 1–32 cells).
 */
export const JBD_SETTINGS: readonly SettingDef[] = [
  { name: "design_cap", address: 0x10, ...CAPACITY, description: "design capacity" },
  { name: "cycle_cap", address: 0x11, ...CAPACITY, description: "cycle capacity" },
  { name: "cap_100", address: 0x12, ...CELL_V, description: "cell voltage at 100 % (full charge)" },
  { name: "cap_0", address: 0x13, ...CELL_V, description: "cell voltage at 0 % (end of discharge)" },
  { name: "dsg_rate", address: 0x14, kind: "number", unit: "%", scale: 0.1, min: 0, max: 100, description: "self-discharge rate" },
  { name: "mfg_date", address: 0x15, kind: "date", description: "manufacture date" },
  { name: "serial_num", address: 0x16, kind: "number", min: 0, max: 65535, description: "serial number" },
  { name: "cycle_cnt", address: 0x17, kind: "number", min: 0, max: 65535, description: "cycle count" },
  { name: "chgot", address: 0x18, ...TEMP, description: "charge over-temperature" },
  { name: "chgot_rel", address: 0x19, ...TEMP, description: "charge over-temperature release" },
  { name: "chgut", address: 0x1a, ...TEMP, description: "charge under-temperature" },
  { name: "chgut_rel", address: 0x1b, ...TEMP, description: "charge under-temperature release" },
  { name: "dsgot", address: 0x1c, ...TEMP, description: "discharge over-temperature" },
  { name: "dsgot_rel", address: 0x1d, ...TEMP, description: "discharge over-temperature release" },
  { name: "dsgut", address: 0x1e, ...TEMP, description: "discharge under-temperature" },
  { name: "dsgut_rel", address: 0x1f, ...TEMP, description: "discharge under-temperature release" },
  { name: "povp", address: 0x20, ...PACK_V, description: "pack overvoltage" },
  { name: "povp_rel", address: 0x21, ...PACK_V, description: "pack overvoltage release" },
  { name: "puvp", address: 0x22, ...PACK_V, description: "pack undervoltage" },
  { name: "puvp_rel", address: 0x23, ...PACK_V, description: "pack undervoltage release" },
  { name: "covp", address: 0x24, ...CELL_V, description: "cell overvoltage" },
  { name: "covp_rel", address: 0x25, ...CELL_V, description: "cell overvoltage release" },
  { name: "cuvp", address: 0x26, ...CELL_V, description: "cell undervoltage" },
  { name: "cuvp_rel", address: 0x27, ...CELL_V, description: "cell undervoltage release" },
  { name: "chgoc", address: 0x28, kind: "number", unit: "A", scale: 0.01, signed: true, min: 0, max: 327.67, description: "charge overcurrent (positive)" },
  { name: "dsgoc", address: 0x29, kind: "number", unit: "A", scale: 0.01, signed: true, min: -327.68, max: 0, description: "discharge overcurrent (negative)" },
  { name: "bal_start", address: 0x2a, ...CELL_V, signed: true, description: "balance start voltage" },
  { name: "bal_window", address: 0x2b, kind: "number", unit: "V", scale: 0.001, min: 0, max: 1, description: "balance window" },
  { name: "shunt_res", address: 0x2c, kind: "number", unit: "mΩ", scale: 0.1, min: 0, max: 6553.5, description: "current shunt resistance" },
  { name: "func_config", address: 0x2d, kind: "flags", flagNames: FUNCTION_FLAGS, flagAliases: FUNCTION_FLAG_ALIASES, min: 0, max: 0xffff, description: "function configuration bits" },
  { name: "ntc_config", address: 0x2e, kind: "flags", flagNames: NTC_FLAGS, min: 0, max: 0xffff, description: "enabled NTCs (bit n = NTC n+1)" },
  { name: "cell_cnt", address: 0x2f, kind: "number", min: 1, max: 32, description: "number of cells" },
  { name: "fet_ctrl", address: 0x30, ...SECONDS, description: "FET control time" },
  { name: "led_timer", address: 0x31, ...SECONDS, description: "LED display time" },
  { name: "cap_80", address: 0x32, ...CELL_V, description: "cell voltage at 80 %" },
  { name: "cap_60", address: 0x33, ...CELL_V, description: "cell voltage at 60 %" },
  { name: "cap_40", address: 0x34, ...CELL_V, description: "cell voltage at 40 %" },
  { name: "cap_20", address: 0x35, ...CELL_V, description: "cell voltage at 20 %" },
  { name: "covp_high", address: 0x36, ...CELL_V, description: "secondary (hardware) cell overvoltage" },
  { name: "cuvp_high", address: 0x37, ...CELL_V, description: "secondary (hardware) cell undervoltage" },
  { name: "sc_dsgoc_x2", address: 0x38, kind: "boolean", shift: 15, width: 1, description: "double the short-circuit and DSGOC2 thresholds" },
  { name: "sc_delay", address: 0x38, kind: "enum", unit: "µs", shift: 11, width: 2, values: [70, 100, 200, 400], description: "short-circuit delay" },
  { name: "sc", address: 0x38, kind: "enum", unit: "mV", shift: 8, width: 3, values: [22, 33, 44, 56, 67, 78, 89, 100], description: "short-circuit threshold (shunt voltage)" },
  { name: "dsgoc2_delay", address: 0x38, kind: "enum", unit: "ms", shift: 4, width: 4, values: [8, 20, 40, 80, 160, 320, 640, 1280], description: "secondary discharge overcurrent delay" },
  {
    name: "dsgoc2",
    address: 0x38,
    kind: "enum",
    unit: "mV",
    shift: 0,
    width: 4,
    values: [8, 11, 14, 17, 19, 22, 25, 28, 31, 33, 36, 39, 42, 44, 47, 50],
    description: "secondary discharge overcurrent threshold (shunt voltage)",
  },
  { name: "cuvp_high_delay", address: 0x39, kind: "enum", unit: "s", shift: 14, width: 2, values: [1, 4, 8, 16], description: "secondary cell undervoltage delay" },
  { name: "covp_high_delay", address: 0x39, kind: "enum", unit: "s", shift: 12, width: 2, values: [1, 2, 4, 8], description: "secondary cell overvoltage delay" },
  { name: "sc_rel", address: 0x39, ...LOW_DELAY, description: "short-circuit release time" },
  { name: "chgut_delay", address: 0x3a, ...HIGH_DELAY, description: "charge under-temperature delay" },
  { name: "chgot_delay", address: 0x3a, ...LOW_DELAY, description: "charge over-temperature delay" },
  { name: "dsgut_delay", address: 0x3b, ...HIGH_DELAY, description: "discharge under-temperature delay" },
  { name: "dsgot_delay", address: 0x3b, ...LOW_DELAY, description: "discharge over-temperature delay" },
  { name: "puvp_delay", address: 0x3c, ...HIGH_DELAY, description: "pack undervoltage delay" },
  { name: "povp_delay", address: 0x3c, ...LOW_DELAY, description: "pack overvoltage delay" },
  { name: "cuvp_delay", address: 0x3d, ...HIGH_DELAY, description: "cell undervoltage delay" },
  { name: "covp_delay", address: 0x3d, ...LOW_DELAY, description: "cell overvoltage delay" },
  { name: "chgoc_delay", address: 0x3e, ...HIGH_DELAY, description: "charge overcurrent delay" },
  { name: "chgoc_rel", address: 0x3e, ...LOW_DELAY, description: "charge overcurrent release time" },
  { name: "dsgoc_delay", address: 0x3f, ...HIGH_DELAY, description: "discharge overcurrent delay" },
  { name: "dsgoc_rel", address: 0x3f, ...LOW_DELAY, description: "discharge overcurrent release time" },
  { name: "gps_off_voltage", address: 0x40, kind: "number", unit: "V", scale: 0.001, min: 0, max: 65.535, optional: true, description: "GPS-off voltage" },
  { name: "gps_off_delay", address: 0x41, ...SECONDS, optional: true, description: "GPS-off delay" },
  { name: "cap_90", address: 0x42, ...CELL_V, optional: true, description: "cell voltage at 90 % (firmware ≥ 0x20)" },
  { name: "cap_70", address: 0x43, ...CELL_V, optional: true, description: "cell voltage at 70 % (firmware ≥ 0x20)" },
  { name: "cap_50", address: 0x44, ...CELL_V, optional: true, description: "cell voltage at 50 % (firmware ≥ 0x20)" },
  { name: "cap_30", address: 0x45, ...CELL_V, optional: true, description: "cell voltage at 30 % (firmware ≥ 0x20)" },
  { name: "cap_10", address: 0x46, ...CELL_V, optional: true, description: "cell voltage at 10 % (firmware ≥ 0x20)" },
  { name: "cap_100_new", address: 0x47, ...CELL_V, optional: true, description: "cell voltage at 100 %, new table (firmware ≥ 0x20)" },
  { name: "mfg_name", address: 0xa0, kind: "string", description: "manufacturer name" },
  { name: "device_name", address: 0xa1, kind: "string", description: "device name" },
  { name: "barcode", address: 0xa2, kind: "string", description: "barcode" },
];

const BY_NAME = new Map(JBD_SETTINGS.map((d) => [d.name, d]));

/** The setting called `name`, or `undefined`. */
export function findSetting(name: string): SettingDef | undefined {
  return BY_NAME.get(name);
}

/** The distinct register addresses of `defs`, in table order. */
export function settingAddresses(defs: readonly SettingDef[] = JBD_SETTINGS): number[] {
  return [...new Set(defs.map((d) => d.address))];
}

/** The settings stored in register `address`. */
export function settingsAt(address: number): SettingDef[] {
  return JBD_SETTINGS.filter((d) => d.address === address);
}

/** Whether `address` is a string register (0xA0–0xA2). */
export function isStringRegister(address: number): boolean {
  return settingsAt(address).some((d) => d.kind === "string");
}
