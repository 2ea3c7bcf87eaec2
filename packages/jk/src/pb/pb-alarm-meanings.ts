import type { JkAlarmMeaning } from "../alarm-table.js";
import type { JkPbAlarmName } from "./pb-alarm-bits.js";

/** The JK-PB alarm bits (live word 0xA0, docs/protocols/jk.md#jk-pb-register-blocks) in the shared alarm model. */
export const JK_PB_ALARM_MEANINGS: Readonly<Record<JkPbAlarmName, JkAlarmMeaning>> = {
  wireResistance: { id: "jk-wire-resistance", name: "Cell wire resistance too high", severity: "warning" },
  mosOvertemperature: "mosfet-overtemperature",
  cellCountMismatch: "cell-count-mismatch",
  currentSensor: { id: "jk-current-sensor", name: "Current sensor fault", severity: "fault" },
  cellOvervoltage: "cell-overvoltage",
  batteryOvervoltage: "pack-overvoltage",
  chargeOvercurrent: "charge-overcurrent",
  chargeShortCircuit: "short-circuit",
  chargeOvertemperature: "charge-overtemperature",
  chargeUndertemperature: "charge-undertemperature",
  internalCommunication: "communication-fault",
  cellUndervoltage: "cell-undervoltage",
  batteryUndervoltage: "pack-undervoltage",
  dischargeOvercurrent: "discharge-overcurrent",
  dischargeShortCircuit: "short-circuit",
  dischargeOvertemperature: "discharge-overtemperature",
  chargeMos: "mosfet-fault",
  dischargeMos: "mosfet-fault",
  gpsDisconnected: { id: "jk-gps-disconnected", name: "GPS module disconnected", severity: "warning" },
  changePassword: { id: "jk-change-password", name: "Default password: change it", severity: "warning" },
  dischargeOnFailed: { id: "jk-discharge-on-failed", name: "Discharge MOSFET failed to turn on", severity: "fault" },
  batteryOvertemperature: { id: "jk-battery-overtemperature", name: "Battery over-temperature", severity: "protection" },
  temperatureSensor: "sensor-fault",
  parallelModule: { id: "jk-parallel-module", name: "Parallel module fault", severity: "fault" },
};
