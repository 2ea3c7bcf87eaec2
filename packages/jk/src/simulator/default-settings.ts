import { chemistryProfile } from "@batt/core/simulator";
import { jkBatteryTypeOf } from "../battery-types.js";
import type { JkValue } from "../value-codec.js";
import type { PackModel } from "./pack-model.js";

/** Setting and identity values of a simulated 4E57 BMS, by identifier name. */
export type JkSettingValues = Record<string, JkValue>;

/**
 * Factory settings of a simulated BMS for `pack`: the protection and balance thresholds of its
 * chemistry (core's profiles), overcurrent limits from its capacity (1.5 C discharge, 1 C charge)
 * and the other values of the reference's example frame.
 *
 * @throws BattError `invalid-argument` for a chemistry the BMS has no battery type for.
 */
export function defaultJkSettings(pack: PackModel): JkSettingValues {
  const profile = chemistryProfile(pack.chemistry);
  const [ovp, ovpRecovery] = profile.overvoltage;
  const [uvp, uvpRecovery] = profile.undervoltage;
  const cells = pack.cells;
  return {
    totalOvervoltageProtection: round(ovp * cells, 2),
    totalUndervoltageProtection: round(uvp * cells, 2),
    cellOvervoltageProtection: ovp,
    cellOvervoltageRecovery: ovpRecovery,
    cellOvervoltageDelay: 5,
    cellUndervoltageProtection: uvp,
    cellUndervoltageRecovery: uvpRecovery,
    cellUndervoltageDelay: 5,
    cellVoltageDifferenceProtection: 0.3,
    dischargeOvercurrentProtection: Math.max(1, Math.round(pack.capacity * 1.5)),
    dischargeOvercurrentDelay: 3,
    chargeOvercurrentProtection: Math.max(1, Math.round(pack.capacity)),
    chargeOvercurrentDelay: 5,
    balanceStartVoltage: profile.balanceStart,
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
    batteryCapacity: Math.round(pack.capacity),
    chargeSwitch: true,
    dischargeSwitch: true,
    currentCalibration: 1.041,
    boardAddress: 1,
    batteryType: jkBatteryTypeOf(pack.chemistry),
    sleepWaitTime: 10,
    lowCapacityAlarm: 20,
    parameterPassword: "123456",
    dedicatedChargerSwitch: false,
    deviceId: "JKSIM001",
    manufacturingDate: "2401",
    runtime: 0,
    softwareVersion: "11.XW_S11.26___",
    startCurrentCalibration: false,
    actualBatteryCapacity: Math.round(pack.capacity),
    manufacturerId: "BATT-SIMULATOR",
  };
}

function round(value: number, decimals: number): number {
  return Number(value.toFixed(decimals));
}
