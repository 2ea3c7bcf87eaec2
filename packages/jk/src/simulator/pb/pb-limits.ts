import type { RegisterValues } from "@batt/modbus-rtu";
import type { JK_PB_SETTINGS_MAP } from "../../pb/pb-settings-map.js";
import type { PackLimits } from "../pack-limits.js";

/** Cell protection delays the JK-PB settings block has no register for, s. */
const CELL_PROTECTION_DELAY_S = 2;
/** The JK-PB has no discharge under-temperature setting; the simulated pack uses these, °C. */
const DISCHARGE_UNDERTEMPERATURE = { trip: -20, release: -10 } as const;

/** The limits a JK-PB enforces, from its decoded settings block. */
export function limitsFromPbSettings(s: RegisterValues<typeof JK_PB_SETTINGS_MAP.fields>): PackLimits {
  return {
    chargeEnabled: s.chargeEnable !== 0,
    dischargeEnabled: s.dischargeEnable !== 0,
    balanceEnabled: s.balanceEnable !== 0,
    balanceStartVoltage: s.balanceStartVoltage,
    balanceTriggerVoltage: s.balanceTriggerVoltage,
    cellOvervoltage: s.cellOvervoltageProtection,
    cellOvervoltageRecovery: s.cellOvervoltageRecovery,
    cellOvervoltageDelay: CELL_PROTECTION_DELAY_S,
    cellUndervoltage: s.cellUndervoltageProtection,
    cellUndervoltageRecovery: s.cellUndervoltageRecovery,
    cellUndervoltageDelay: CELL_PROTECTION_DELAY_S,
    chargeOvercurrent: s.chargeOvercurrentProtection,
    chargeOvercurrentDelay: s.chargeOvercurrentDelay,
    dischargeOvercurrent: s.dischargeOvercurrentProtection,
    dischargeOvercurrentDelay: s.dischargeOvercurrentDelay,
    overcurrentRelease: Math.max(s.chargeOvercurrentReleaseDelay, s.dischargeOvercurrentReleaseDelay),
    chargeHighTemperature: s.chargeOvertemperature,
    dischargeHighTemperature: s.dischargeOvertemperature,
    chargeLowTemperature: s.chargeUndertemperature,
    chargeLowTemperatureRecovery: s.chargeUndertemperatureRelease,
    dischargeLowTemperature: DISCHARGE_UNDERTEMPERATURE.trip,
    dischargeLowTemperatureRecovery: DISCHARGE_UNDERTEMPERATURE.release,
    mosOvertemperature: s.mosOvertemperature,
    mosOvertemperatureRecovery: s.mosOvertemperatureRelease,
  };
}
