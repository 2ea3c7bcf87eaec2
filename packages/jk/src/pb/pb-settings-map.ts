import { defineRegisterMap } from "@batt/modbus-rtu";
import { joinFields, longFields } from "./pb-field-arrays.js";

const V = { type: "u32", wordOrder: "high-first", scale: 0.001, unit: "V", min: 1, max: 5 } as const;
const A = { type: "u32", wordOrder: "high-first", scale: 0.001, unit: "A", min: 0, max: 1000 } as const;
const S = { type: "u32", wordOrder: "high-first", unit: "s", min: 0, max: 86400 } as const;
const T = { type: "s32", wordOrder: "high-first", scale: 0.1, unit: "°C", min: -40, max: 120 } as const;
const SWITCH = { type: "u32", wordOrder: "high-first", min: 0, max: 1 } as const;

/** Bits of the settings word at byte 0x114 (docs/protocols/jk.md#jk-pb-register-blocks). */
export const JK_PB_FUNCTION_BITS = {
  0: "heating",
  1: "disableTemperatureSensor",
  2: "gpsHeartbeat",
  3: "port1Rs485",
  4: "lcdAlwaysOn",
  5: "specialCharger",
  6: "smartSleep",
  7: "disablePclModule",
  8: "timedStoredData",
  9: "chargingFloatMode",
} as const;

/** The named (non-array) fields of the settings block. */
const NAMED = {
  smartSleepVoltage: { ...V, address: 0x00 / 2, description: "smart-sleep voltage" },
  cellUndervoltageProtection: { ...V, address: 0x04 / 2, description: "cell undervoltage protection" },
  cellUndervoltageRecovery: { ...V, address: 0x08 / 2, description: "cell undervoltage recovery" },
  cellOvervoltageProtection: { ...V, address: 0x0c / 2, description: "cell overvoltage protection" },
  cellOvervoltageRecovery: { ...V, address: 0x10 / 2, description: "cell overvoltage recovery" },
  balanceTriggerVoltage: { ...V, min: 0.001, max: 1, address: 0x14 / 2, description: "balance trigger voltage difference" },
  soc100Voltage: { ...V, address: 0x18 / 2, description: "SOC 100 % voltage" },
  soc0Voltage: { ...V, address: 0x1c / 2, description: "SOC 0 % voltage" },
  requestChargeVoltage: { ...V, address: 0x20 / 2, description: "request charge voltage (RCV)" },
  floatVoltage: { ...V, address: 0x24 / 2, description: "float voltage (RFV)" },
  powerOffVoltage: { ...V, address: 0x28 / 2, description: "power-off voltage" },
  chargeOvercurrentProtection: { ...A, address: 0x2c / 2, description: "charge overcurrent protection" },
  chargeOvercurrentDelay: { ...S, address: 0x30 / 2, description: "charge overcurrent delay" },
  chargeOvercurrentReleaseDelay: { ...S, address: 0x34 / 2, description: "charge overcurrent release delay" },
  dischargeOvercurrentProtection: { ...A, address: 0x38 / 2, description: "discharge overcurrent protection" },
  dischargeOvercurrentDelay: { ...S, address: 0x3c / 2, description: "discharge overcurrent delay" },
  dischargeOvercurrentReleaseDelay: { ...S, address: 0x40 / 2, description: "discharge overcurrent release delay" },
  shortCircuitReleaseDelay: { ...S, address: 0x44 / 2, description: "short-circuit release delay" },
  maxBalanceCurrent: { ...A, max: 10, address: 0x48 / 2, description: "maximum balance current" },
  chargeOvertemperature: { ...T, address: 0x4c / 2, description: "charge over-temperature" },
  chargeOvertemperatureRelease: { ...T, address: 0x50 / 2, description: "charge over-temperature release" },
  dischargeOvertemperature: { ...T, address: 0x54 / 2, description: "discharge over-temperature" },
  dischargeOvertemperatureRelease: { ...T, address: 0x58 / 2, description: "discharge over-temperature release" },
  chargeUndertemperature: { ...T, address: 0x5c / 2, description: "charge under-temperature" },
  chargeUndertemperatureRelease: { ...T, address: 0x60 / 2, description: "charge under-temperature release" },
  mosOvertemperature: { ...T, address: 0x64 / 2, description: "MOSFET over-temperature" },
  mosOvertemperatureRelease: { ...T, address: 0x68 / 2, description: "MOSFET over-temperature release" },
  cellCount: { type: "u32", wordOrder: "high-first", min: 1, max: 32, address: 0x6c / 2, description: "cell count" },
  chargeEnable: { ...SWITCH, address: 0x70 / 2, description: "charge MOSFET enable" },
  dischargeEnable: { ...SWITCH, address: 0x74 / 2, description: "discharge MOSFET enable" },
  balanceEnable: { ...SWITCH, address: 0x78 / 2, description: "balancer enable" },
  capacity: { type: "u32", wordOrder: "high-first", scale: 0.001, unit: "Ah", min: 0, max: 2000, address: 0x7c / 2, description: "battery capacity" },
  shortCircuitDelay: { type: "u32", wordOrder: "high-first", scale: 0.000001, unit: "s", min: 0, max: 0.1, address: 0x80 / 2, description: "short-circuit protection delay" },
  balanceStartVoltage: { ...V, address: 0x84 / 2, description: "balance start voltage" },
  deviceAddress: { type: "u32", wordOrder: "high-first", min: 0, max: 15, address: 0x108 / 2, description: "device address" },
  preDischargeTime: { ...S, address: 0x10c / 2, description: "pre-discharge time" },
  functions: { type: "flags", bits: JK_PB_FUNCTION_BITS, address: 0x114 / 2, description: "function switches" },
  smartSleepTime: { type: "u32", wordOrder: "high-first", scale: 3600, unit: "s", min: 0, max: 255 * 3600, address: 0x118 / 2, description: "smart-sleep time" },
} as const;

/**
 * The JK-PB settings block (base 0x1000) as a register map. Addresses count 16-bit words from the
 * block start (Modbus address = 0x1000 + 2 × address); values in SI units (V, A, s, °C, Ah, Ω);
 * `wireResistance1`…`wireResistance32` are the cell connection-wire resistances. The write limits
 * are plausibility bounds: the vendor document gives none.
 */
export const JK_PB_SETTINGS_MAP = defineRegisterMap(
  joinFields(NAMED, longFields("wireResistance", 0x88 / 2, 32, { type: "u32", wordOrder: "high-first", scale: 0.000001, unit: "Ω", min: 0, max: 0.1 })),
);

/** Names of the JK-PB settings. */
export type JkPbSettingName = (typeof JK_PB_SETTINGS_MAP.names)[number];
