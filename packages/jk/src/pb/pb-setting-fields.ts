import type { SettingField } from "@batt/core";
import { registerSettingField, type RegisterField } from "@batt/modbus-rtu";
import { JK_PB_SETTINGS_MAP } from "./pb-settings-map.js";

/** Headings of the JK-PB settings editor, in the order it shows them. */
export const JK_PB_SETTING_GROUPS = [
  "Capacity",
  "Cell protection",
  "Charging",
  "Current protection",
  "Temperature protection",
  "Balancer",
  "Switches",
  "Function",
  "Hardware",
  "Wire resistance",
] as const;

/** The heading of each named setting: data; `wireResistance1`… go under "Wire resistance". */
const GROUP_OF: Readonly<Record<string, (typeof JK_PB_SETTING_GROUPS)[number]>> = {
  capacity: "Capacity",
  soc100Voltage: "Capacity",
  soc0Voltage: "Capacity",
  cellOvervoltageProtection: "Cell protection",
  cellOvervoltageRecovery: "Cell protection",
  cellUndervoltageProtection: "Cell protection",
  cellUndervoltageRecovery: "Cell protection",
  powerOffVoltage: "Cell protection",
  requestChargeVoltage: "Charging",
  floatVoltage: "Charging",
  chargeOvercurrentProtection: "Current protection",
  chargeOvercurrentDelay: "Current protection",
  chargeOvercurrentReleaseDelay: "Current protection",
  dischargeOvercurrentProtection: "Current protection",
  dischargeOvercurrentDelay: "Current protection",
  dischargeOvercurrentReleaseDelay: "Current protection",
  shortCircuitDelay: "Current protection",
  shortCircuitReleaseDelay: "Current protection",
  chargeOvertemperature: "Temperature protection",
  chargeOvertemperatureRelease: "Temperature protection",
  dischargeOvertemperature: "Temperature protection",
  dischargeOvertemperatureRelease: "Temperature protection",
  chargeUndertemperature: "Temperature protection",
  chargeUndertemperatureRelease: "Temperature protection",
  mosOvertemperature: "Temperature protection",
  mosOvertemperatureRelease: "Temperature protection",
  balanceEnable: "Balancer",
  balanceTriggerVoltage: "Balancer",
  balanceStartVoltage: "Balancer",
  maxBalanceCurrent: "Balancer",
  chargeEnable: "Switches",
  dischargeEnable: "Switches",
  functions: "Function",
  smartSleepVoltage: "Function",
  smartSleepTime: "Function",
  preDischargeTime: "Function",
  cellCount: "Hardware",
  deviceAddress: "Hardware",
};

/** What each bit of the function word (0x1114) means, for a person (docs/protocols/jk.md#jk-pb-register-blocks). */
const BIT_NAMES: Readonly<Record<string, string>> = {
  heating: "heating",
  disableTemperatureSensor: "temperature sensor disabled",
  gpsHeartbeat: "GPS heartbeat",
  port1Rs485: "port 1 is RS-485 (off: CAN)",
  lcdAlwaysOn: "LCD always on",
  specialCharger: "special charger",
  smartSleep: "smart sleep",
  disablePclModule: "PCL module disabled",
  timedStoredData: "timed stored data",
  chargingFloatMode: "charging float mode",
};

/**
 * Settings shown but not written. `deviceAddress`: the pack answers at its DIP-switch address, and
 * a write that moved it would leave the session (and its read-back) talking to nobody.
 */
const READ_ONLY: ReadonlySet<string> = new Set(["deviceAddress"]);

/** The key of one named bit of a bit-set setting: `functions.heating`. */
export function jkPbBitKey(setting: string, bit: string): string {
  return `${setting}.${bit}`;
}

/** Whether a field is an on/off kept as a 0/1 word (`chargeEnable`): unscaled, without unit, 0..1. */
export function isSwitchField(field: RegisterField): boolean {
  return (field.type === "u32" || field.type === "u16") && field.min === 0 && field.max === 1 && field.scale === undefined && field.unit === undefined;
}

function fieldsOf(name: string, field: RegisterField): SettingField[] {
  const group = GROUP_OF[name] ?? (name.startsWith("wireResistance") ? "Wire resistance" : "Function");
  const described = { name: field.description ?? name, group, ...(READ_ONLY.has(name) ? { readOnly: true } : {}) };
  if (field.type === "flags") {
    return Object.values(field.bits).map((bit) => ({ key: jkPbBitKey(name, bit), ...described, name: BIT_NAMES[bit] ?? bit, type: "boolean" }));
  }
  if (isSwitchField(field)) return [{ key: name, ...described, type: "boolean" }];
  if (field.type === "enum") return [];
  const setting = registerSettingField(name, field, described);
  return setting ? [setting] : [];
}

/**
 * The JK-PB settings block as fields for an editor, from {@link JK_PB_SETTINGS_MAP}: a number per
 * scaled word (unit, range and the register's step), an on/off per 0/1 switch word and per named bit
 * of the function word (`functions.heating`), grouped under {@link JK_PB_SETTING_GROUPS}.
 * `deviceAddress` is read-only (a write would move the pack away from the session).
 */
export function jkPbSettingFields(): SettingField[] {
  const fields = Object.entries(JK_PB_SETTINGS_MAP.fields as Readonly<Record<string, RegisterField>>).flatMap(([name, field]) => fieldsOf(name, field));
  const order = (f: SettingField): number => JK_PB_SETTING_GROUPS.indexOf(f.group as (typeof JK_PB_SETTING_GROUPS)[number]);
  return fields.map((f, i) => ({ f, i })).sort((a, b) => order(a.f) - order(b.f) || a.i - b.i).map(({ f }) => f);
}
