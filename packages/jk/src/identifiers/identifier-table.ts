import type { JkIdentifierSpec } from "./identifier-spec.js";

/**
 * Every data identifier of the 4E57 protocol (docs/protocols/jk.md#read-all-information-field, the table consistent with real frames),
 * in the order the BMS sends them. Values decode to SI units: V, A, °C, s; capacities stay in Ah.
 * Write limits come from docs/protocols/jk.md#read-all-information-field where it gives them.
 */
export const JK_IDENTIFIERS = [
  { id: 0x79, key: "cellVoltages", label: "cell voltages", kind: "cells", size: 0, access: "r", unit: "V" },
  { id: 0x80, key: "mosTemperature", label: "power tube (MOSFET) temperature", kind: "temperature", size: 2, access: "r", unit: "°C" },
  { id: 0x81, key: "temperature1", label: "temperature sensor 1 (battery box)", kind: "temperature", size: 2, access: "r", unit: "°C" },
  { id: 0x82, key: "temperature2", label: "temperature sensor 2 (battery)", kind: "temperature", size: 2, access: "r", unit: "°C" },
  { id: 0x83, key: "totalVoltage", label: "total voltage", kind: "uint", size: 2, access: "r", scale: 0.01, unit: "V" },
  { id: 0x84, key: "current", label: "current (charging positive)", kind: "current", size: 2, access: "r", unit: "A" },
  { id: 0x85, key: "soc", label: "state of charge", kind: "uint", size: 1, access: "r", unit: "%" },
  { id: 0x86, key: "temperatureSensorCount", label: "number of temperature sensors", kind: "uint", size: 1, access: "r" },
  { id: 0x87, key: "cycleCount", label: "cycle count", kind: "uint", size: 2, access: "r" },
  { id: 0x89, key: "totalCycleCapacity", label: "total cycle capacity", kind: "uint", size: 4, access: "r", unit: "Ah" },
  { id: 0x8a, key: "cellCount", label: "total cell count", kind: "uint", size: 2, access: "r" },
  { id: 0x8b, key: "warnings", label: "warnings", kind: "warnings", size: 2, access: "r" },
  { id: 0x8c, key: "status", label: "status", kind: "status", size: 2, access: "r" },
  { id: 0x8e, key: "totalOvervoltageProtection", label: "total overvoltage protection", kind: "uint", size: 2, access: "rw", scale: 0.01, unit: "V", min: 10, max: 150 },
  { id: 0x8f, key: "totalUndervoltageProtection", label: "total undervoltage protection", kind: "uint", size: 2, access: "rw", scale: 0.01, unit: "V", min: 10, max: 150 },
  { id: 0x90, key: "cellOvervoltageProtection", label: "cell overvoltage protection", kind: "uint", size: 2, access: "rw", scale: 0.001, unit: "V", min: 1, max: 4.5 },
  { id: 0x91, key: "cellOvervoltageRecovery", label: "cell overvoltage recovery", kind: "uint", size: 2, access: "rw", scale: 0.001, unit: "V", min: 1, max: 4.5 },
  { id: 0x92, key: "cellOvervoltageDelay", label: "cell overvoltage protection delay", kind: "uint", size: 2, access: "rw", unit: "s", min: 1, max: 60 },
  { id: 0x93, key: "cellUndervoltageProtection", label: "cell undervoltage protection", kind: "uint", size: 2, access: "rw", scale: 0.001, unit: "V", min: 1, max: 4.5 },
  { id: 0x94, key: "cellUndervoltageRecovery", label: "cell undervoltage recovery", kind: "uint", size: 2, access: "rw", scale: 0.001, unit: "V", min: 1, max: 4.5 },
  { id: 0x95, key: "cellUndervoltageDelay", label: "cell undervoltage protection delay", kind: "uint", size: 2, access: "rw", unit: "s", min: 1, max: 60 },
  { id: 0x96, key: "cellVoltageDifferenceProtection", label: "cell voltage difference protection", kind: "uint", size: 2, access: "rw", scale: 0.001, unit: "V", min: 0, max: 1 },
  { id: 0x97, key: "dischargeOvercurrentProtection", label: "discharge overcurrent protection", kind: "uint", size: 2, access: "rw", unit: "A", min: 1, max: 1000 },
  { id: 0x98, key: "dischargeOvercurrentDelay", label: "discharge overcurrent protection delay", kind: "uint", size: 2, access: "rw", unit: "s" },
  { id: 0x99, key: "chargeOvercurrentProtection", label: "charge overcurrent protection", kind: "uint", size: 2, access: "rw", unit: "A", min: 1, max: 1000 },
  { id: 0x9a, key: "chargeOvercurrentDelay", label: "charge overcurrent protection delay", kind: "uint", size: 2, access: "rw", unit: "s" },
  { id: 0x9b, key: "balanceStartVoltage", label: "balance start voltage", kind: "uint", size: 2, access: "rw", scale: 0.001, unit: "V", min: 2, max: 4.5 },
  { id: 0x9c, key: "balanceTriggerVoltage", label: "balance trigger voltage difference", kind: "uint", size: 2, access: "rw", scale: 0.001, unit: "V", min: 0.01, max: 1 },
  { id: 0x9d, key: "activeBalanceSwitch", label: "active balance switch", kind: "bool", size: 1, access: "rw" },
  { id: 0x9e, key: "mosOvertemperatureProtection", label: "MOSFET over-temperature protection", kind: "uint", size: 2, access: "rw", unit: "°C", min: 0, max: 100 },
  { id: 0x9f, key: "mosOvertemperatureRecovery", label: "MOSFET over-temperature recovery", kind: "uint", size: 2, access: "rw", unit: "°C", min: 0, max: 100 },
  { id: 0xa0, key: "boxOvertemperatureProtection", label: "battery box over-temperature protection", kind: "uint", size: 2, access: "rw", unit: "°C", min: 40, max: 100 },
  { id: 0xa1, key: "boxOvertemperatureRecovery", label: "battery box over-temperature recovery", kind: "uint", size: 2, access: "rw", unit: "°C", min: 0, max: 100 },
  { id: 0xa2, key: "temperatureDifferenceProtection", label: "battery temperature difference protection", kind: "uint", size: 2, access: "rw", unit: "°C", min: 5, max: 20 },
  { id: 0xa3, key: "chargeHighTemperatureProtection", label: "charge high-temperature protection", kind: "uint", size: 2, access: "rw", unit: "°C", min: 0, max: 100 },
  { id: 0xa4, key: "dischargeHighTemperatureProtection", label: "discharge high-temperature protection", kind: "uint", size: 2, access: "rw", unit: "°C", min: 0, max: 100 },
  { id: 0xa5, key: "chargeLowTemperatureProtection", label: "charge low-temperature protection", kind: "int", size: 2, access: "rw", unit: "°C", min: -45, max: 25 },
  { id: 0xa6, key: "chargeLowTemperatureRecovery", label: "charge low-temperature recovery", kind: "int", size: 2, access: "rw", unit: "°C", min: -45, max: 25 },
  { id: 0xa7, key: "dischargeLowTemperatureProtection", label: "discharge low-temperature protection", kind: "int", size: 2, access: "rw", unit: "°C", min: -45, max: 25 },
  { id: 0xa8, key: "dischargeLowTemperatureRecovery", label: "discharge low-temperature recovery", kind: "int", size: 2, access: "rw", unit: "°C", min: -45, max: 25 },
  { id: 0xa9, key: "cellCountSetting", label: "cell count setting", kind: "uint", size: 1, access: "rw", min: 3, max: 32 },
  { id: 0xaa, key: "batteryCapacity", label: "battery (nominal) capacity", kind: "uint", size: 4, access: "rw", unit: "Ah" },
  { id: 0xab, key: "chargeSwitch", label: "charge MOSFET switch", kind: "bool", size: 1, access: "rw", verified: true },
  { id: 0xac, key: "dischargeSwitch", label: "discharge MOSFET switch", kind: "bool", size: 1, access: "rw", verified: true },
  { id: 0xad, key: "currentCalibration", label: "current calibration", kind: "uint", size: 2, access: "rw", scale: 0.001, unit: "A", min: 0.1, max: 20 },
  { id: 0xae, key: "boardAddress", label: "board address", kind: "uint", size: 1, access: "rw" },
  { id: 0xaf, key: "batteryType", label: "battery type", kind: "enum", size: 1, access: "rw", values: ["lifepo4", "ternary", "lto"] },
  { id: 0xb0, key: "sleepWaitTime", label: "sleep wait time", kind: "uint", size: 2, access: "rw", unit: "s" },
  { id: 0xb1, key: "lowCapacityAlarm", label: "low-capacity alarm", kind: "uint", size: 1, access: "rw", unit: "%", min: 0, max: 80 },
  { id: 0xb2, key: "parameterPassword", label: "parameter password", kind: "ascii", size: 10, access: "rw" },
  { id: 0xb3, key: "dedicatedChargerSwitch", label: "dedicated charger switch", kind: "bool", size: 1, access: "rw" },
  { id: 0xb4, key: "deviceId", label: "device ID code", kind: "ascii", size: 8, access: "rw" },
  { id: 0xb5, key: "manufacturingDate", label: "manufacturing date (YYMM)", kind: "ascii", size: 4, access: "rw" },
  { id: 0xb6, key: "runtime", label: "system working time", kind: "uint", size: 4, access: "rw", scale: 60, unit: "s" },
  { id: 0xb7, key: "softwareVersion", label: "software version", kind: "ascii", size: 15, access: "r" },
  { id: 0xb8, key: "startCurrentCalibration", label: "start current calibration", kind: "bool", size: 1, access: "rw" },
  { id: 0xb9, key: "actualBatteryCapacity", label: "actual battery capacity", kind: "uint", size: 4, access: "rw", unit: "Ah" },
  { id: 0xba, key: "manufacturerId", label: "manufacturer ID", kind: "ascii", size: 24, access: "rw" },
  { id: 0xbb, key: "restartSystem", label: "restart system", kind: "uint", size: 1, access: "w", min: 1, max: 1 },
  { id: 0xbc, key: "factoryReset", label: "factory reset", kind: "uint", size: 1, access: "w", min: 1, max: 1 },
  { id: 0xbd, key: "remoteUpgradeFlag", label: "remote upgrade flag", kind: "uint", size: 1, access: "w" },
  { id: 0xbe, key: "gpsPowerOffVoltage", label: "low-voltage GPS power-off", kind: "uint", size: 2, access: "w", scale: 0.001, unit: "V" },
  { id: 0xbf, key: "gpsPowerOnVoltage", label: "low-voltage GPS power-on recovery", kind: "uint", size: 2, access: "w", scale: 0.001, unit: "V" },
  { id: 0xc0, key: "protocolVersion", label: "protocol version (selects the current encoding)", kind: "uint", size: 1, access: "r" },
] as const satisfies readonly JkIdentifierSpec[];

/** One row of {@link JK_IDENTIFIERS}, with its literal types. */
export type JkIdentifierEntry = (typeof JK_IDENTIFIERS)[number];

/** Name of a data identifier. */
export type JkKey = JkIdentifierEntry["key"];

/** Name of an identifier a write may set (settings and write-only commands). */
export type JkWritableKey = Extract<JkIdentifierEntry, { readonly access: "rw" | "w" }>["key"];

/** Name of a setting: readable and writable. */
export type JkSettingKey = Extract<JkIdentifierEntry, { readonly access: "rw" }>["key"];

const BY_ID = new Map<number, JkIdentifierSpec>(JK_IDENTIFIERS.map((spec) => [spec.id, spec]));
const BY_KEY = new Map<string, JkIdentifierSpec>(JK_IDENTIFIERS.map((spec) => [spec.key, spec]));

/** The table row of an identifier byte, if the table has it. */
export function identifierById(id: number): JkIdentifierSpec | undefined {
  return BY_ID.get(id);
}

/** The table row of an identifier name, if the table has it. */
export function identifierByKey(key: string): JkIdentifierSpec | undefined {
  return BY_KEY.get(key);
}
