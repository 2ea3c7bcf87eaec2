import type { JkSettingValues } from "./default-settings.js";
import type { PackLimits } from "./pack-limits.js";

/** How long an overcurrent trip holds before the simulated BMS retries, s. */
export const OVERCURRENT_RELEASE_S = 30;

/** The limits a 4E57 BMS enforces, from its identifier values. */
export function limitsFromJkSettings(s: JkSettingValues): PackLimits {
  const n = (key: string, fallback: number): number => (typeof s[key] === "number" ? (s[key] as number) : fallback);
  const b = (key: string): boolean => s[key] !== false;
  return {
    chargeEnabled: b("chargeSwitch"),
    dischargeEnabled: b("dischargeSwitch"),
    balanceEnabled: b("activeBalanceSwitch"),
    balanceStartVoltage: n("balanceStartVoltage", 3.4),
    balanceTriggerVoltage: n("balanceTriggerVoltage", 0.01),
    cellOvervoltage: n("cellOvervoltageProtection", 3.65),
    cellOvervoltageRecovery: n("cellOvervoltageRecovery", 3.55),
    cellOvervoltageDelay: n("cellOvervoltageDelay", 5),
    cellUndervoltage: n("cellUndervoltageProtection", 2.6),
    cellUndervoltageRecovery: n("cellUndervoltageRecovery", 2.8),
    cellUndervoltageDelay: n("cellUndervoltageDelay", 5),
    chargeOvercurrent: n("chargeOvercurrentProtection", 100),
    chargeOvercurrentDelay: n("chargeOvercurrentDelay", 5),
    dischargeOvercurrent: n("dischargeOvercurrentProtection", 150),
    dischargeOvercurrentDelay: n("dischargeOvercurrentDelay", 3),
    overcurrentRelease: OVERCURRENT_RELEASE_S,
    chargeHighTemperature: n("chargeHighTemperatureProtection", 70),
    dischargeHighTemperature: n("dischargeHighTemperatureProtection", 70),
    chargeLowTemperature: n("chargeLowTemperatureProtection", -20),
    chargeLowTemperatureRecovery: n("chargeLowTemperatureRecovery", -10),
    dischargeLowTemperature: n("dischargeLowTemperatureProtection", -20),
    dischargeLowTemperatureRecovery: n("dischargeLowTemperatureRecovery", -10),
    mosOvertemperature: n("mosOvertemperatureProtection", 90),
    mosOvertemperatureRecovery: n("mosOvertemperatureRecovery", 70),
  };
}
