/** Alarm bits of the JK-PB live word at byte 0xA0 (docs/protocols/jk.md#jk-pb-register-blocks). */
export const JK_PB_ALARM_BITS = {
  0: "wireResistance",
  1: "mosOvertemperature",
  2: "cellCountMismatch",
  3: "currentSensor",
  4: "cellOvervoltage",
  5: "batteryOvervoltage",
  6: "chargeOvercurrent",
  7: "chargeShortCircuit",
  8: "chargeOvertemperature",
  9: "chargeUndertemperature",
  10: "internalCommunication",
  11: "cellUndervoltage",
  12: "batteryUndervoltage",
  13: "dischargeOvercurrent",
  14: "dischargeShortCircuit",
  15: "dischargeOvertemperature",
  16: "chargeMos",
  17: "dischargeMos",
  18: "gpsDisconnected",
  19: "changePassword",
  20: "dischargeOnFailed",
  21: "batteryOvertemperature",
  22: "temperatureSensor",
  23: "parallelModule",
} as const;

/** Name of a JK-PB alarm bit. */
export type JkPbAlarmName = (typeof JK_PB_ALARM_BITS)[keyof typeof JK_PB_ALARM_BITS];
