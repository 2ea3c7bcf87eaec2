import type { JkValue } from "../value-codec.js";
import { CHEMISTRY_LIMITS } from "./chemistry.js";
import type { PackModel } from "./pack-model.js";

/** Setting and identity values of a simulated 4E57 BMS, by identifier name. */
export type JkSettingValues = Record<string, JkValue>;

/**
 * Factory settings of a simulated BMS for `pack`: thresholds typical of its chemistry, overcurrent
 * limits from its capacity (1.5 C discharge, 1 C charge) and the other values of the reference's
 * example frame.
 */
export function defaultJkSettings(pack: PackModel): JkSettingValues {
  const limits = CHEMISTRY_LIMITS[pack.chemistry];
  const cells = pack.cells;
  return {
    totalOvervoltageProtection: round(limits.ovp * cells, 2),
    totalUndervoltageProtection: round(limits.uvp * cells, 2),
    cellOvervoltageProtection: limits.ovp,
    cellOvervoltageRecovery: limits.ovpRecovery,
    cellOvervoltageDelay: 5,
    cellUndervoltageProtection: limits.uvp,
    cellUndervoltageRecovery: limits.uvpRecovery,
    cellUndervoltageDelay: 5,
    cellVoltageDifferenceProtection: 0.3,
    dischargeOvercurrentProtection: Math.max(1, Math.round(pack.capacityAh * 1.5)),
    dischargeOvercurrentDelay: 3,
    chargeOvercurrentProtection: Math.max(1, Math.round(pack.capacityAh)),
    chargeOvercurrentDelay: 5,
    balanceStartVoltage: limits.balanceStart,
    balanceTriggerVoltage: 0.01,
    activeBalanceSwitch: true,
    mosOvertemperatureProtection: 90,
    mosOvertemperatureRecovery: 70,
    boxOvertemperatureProtection: 100,
    boxOvertemperatureRecovery: 100,
    temperatureDifferenceProtection: 20,
    chargeHighTemperatureProtection: 70,
    dischargeHighTemperatureProtection: 70,
    chargeLowTemperatureProtection: -20,
    chargeLowTemperatureRecovery: -10,
    dischargeLowTemperatureProtection: -20,
    dischargeLowTemperatureRecovery: -10,
    cellCountSetting: cells,
    batteryCapacity: Math.round(pack.capacityAh),
    chargeSwitch: true,
    dischargeSwitch: true,
    currentCalibration: 1.041,
    boardAddress: 1,
    batteryType: pack.chemistry,
    sleepWaitTime: 10,
    lowCapacityAlarm: 20,
    parameterPassword: "123456",
    dedicatedChargerSwitch: false,
    deviceId: "JKSIM001",
    manufacturingDate: "2401",
    runtime: 0,
    softwareVersion: "11.XW_S11.26___",
    startCurrentCalibration: false,
    actualBatteryCapacity: Math.round(pack.capacityAh),
    manufacturerId: "BATT-SIMULATOR",
  };
}

function round(value: number, decimals: number): number {
  return Number(value.toFixed(decimals));
}
