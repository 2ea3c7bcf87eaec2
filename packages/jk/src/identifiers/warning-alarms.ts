import type { JkAlarmMeaning } from "../alarm-table.js";
import type { JkWarningName } from "./flag-tables.js";

/** The warning bits of 0x8B (docs/protocols/jk.md#warnings-0x8b) in the shared alarm model. */
export const JK_WARNING_ALARMS: Readonly<Record<JkWarningName, JkAlarmMeaning>> = {
  lowCapacity: "low-capacity",
  mosOvertemperature: "mosfet-overtemperature",
  // "Charge overvoltage" and "discharge undervoltage" are the total-voltage protections (0x8E, 0x8F).
  chargeOvervoltage: "pack-overvoltage",
  dischargeUndervoltage: "pack-undervoltage",
  // Not tied to a direction, so not charge- or discharge-overtemperature.
  batteryOvertemperature: { id: "jk-battery-overtemperature", name: "Battery over-temperature", severity: "protection" },
  chargeOvercurrent: "charge-overcurrent",
  dischargeOvercurrent: "discharge-overcurrent",
  cellVoltageDifference: "cell-imbalance",
  boxOvertemperature: { id: "jk-box-overtemperature", name: "Battery box over-temperature", severity: "protection" },
  // The reference: "battery under-temperature (blocks charging)".
  batteryUndertemperature: "charge-undertemperature",
  cellOvervoltage: "cell-overvoltage",
  cellUndervoltage: "cell-undervoltage",
  protection309A: { id: "jk-309a-protection", name: "309_A protection", severity: "protection" },
  protection309B: { id: "jk-309b-protection", name: "309_B protection", severity: "protection" },
};
