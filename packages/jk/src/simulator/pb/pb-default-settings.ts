import type { FieldInput } from "@batt/modbus-rtu";
import type { JK_PB_SETTINGS_MAP } from "../../pb/pb-settings-map.js";
import { chemistryProfile } from "@batt/core/simulator";
import type { PackModel } from "../pack-model.js";

/** Setting values of a simulated JK-PB, by register-map name (SI units). */
export type JkPbSettingValues = { [K in keyof (typeof JK_PB_SETTINGS_MAP)["fields"]]?: FieldInput<(typeof JK_PB_SETTINGS_MAP)["fields"][K]> };

/** Factory settings of a simulated JK-PB for `pack`, at DIP address `address`: its chemistry's thresholds (core's profiles), overcurrent limits from its capacity. */
export function defaultPbSettings(pack: PackModel, address: number): JkPbSettingValues {
  const profile = chemistryProfile(pack.chemistry);
  const l = { ovp: profile.overvoltage[0], ovpRecovery: profile.overvoltage[1], uvp: profile.undervoltage[0], uvpRecovery: profile.undervoltage[1], balanceStart: profile.balanceStart };
  return {
    smartSleepVoltage: l.uvpRecovery,
    cellUndervoltageProtection: l.uvp,
    cellUndervoltageRecovery: l.uvpRecovery,
    cellOvervoltageProtection: l.ovp,
    cellOvervoltageRecovery: l.ovpRecovery,
    balanceTriggerVoltage: 0.01,
    soc100Voltage: l.ovpRecovery,
    soc0Voltage: l.uvpRecovery,
    requestChargeVoltage: l.ovpRecovery,
    floatVoltage: l.ovpRecovery - 0.1,
    powerOffVoltage: l.uvp,
    chargeOvercurrentProtection: Math.round(pack.capacity),
    chargeOvercurrentDelay: 5,
    chargeOvercurrentReleaseDelay: 30,
    dischargeOvercurrentProtection: Math.round(pack.capacity * 1.5),
    dischargeOvercurrentDelay: 3,
    dischargeOvercurrentReleaseDelay: 30,
    shortCircuitReleaseDelay: 60,
    maxBalanceCurrent: 2,
    chargeOvertemperature: 70,
    chargeOvertemperatureRelease: 60,
    dischargeOvertemperature: 70,
    dischargeOvertemperatureRelease: 60,
    chargeUndertemperature: -20,
    chargeUndertemperatureRelease: -10,
    mosOvertemperature: 90,
    mosOvertemperatureRelease: 70,
    cellCount: pack.cells,
    chargeEnable: 1,
    dischargeEnable: 1,
    balanceEnable: 1,
    capacity: pack.capacity,
    shortCircuitDelay: 0.0015,
    balanceStartVoltage: l.balanceStart,
    deviceAddress: address,
    preDischargeTime: 2,
    functions: ["port1Rs485"],
    smartSleepTime: 24 * 3600,
  };
}
