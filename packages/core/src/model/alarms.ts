/** How serious an alarm is: `warning` (nothing switched off yet), `protection` (the device switched something off), `fault` (broken hardware). */
export type AlarmSeverity = "warning" | "protection" | "fault";

/** An alarm every device means the same way. */
export interface CommonAlarm {
  /** Name for a person. */
  readonly name: string;
  /** How serious it is unless the device says otherwise. */
  readonly severity: AlarmSeverity;
}

/**
 * Alarm ids shared by all devices, so that "cell over-voltage" is one id whether a JBD, a JK or a
 * charger raised it. Devices map their own bits onto these ids and name the rest `<device>-<name>`.
 */
export const COMMON_ALARMS = {
  "cell-overvoltage": { name: "Cell over-voltage", severity: "protection" },
  "cell-undervoltage": { name: "Cell under-voltage", severity: "protection" },
  "pack-overvoltage": { name: "Pack over-voltage", severity: "protection" },
  "pack-undervoltage": { name: "Pack under-voltage", severity: "protection" },
  "charge-overtemperature": { name: "Charge over-temperature", severity: "protection" },
  "charge-undertemperature": { name: "Charge under-temperature", severity: "protection" },
  "discharge-overtemperature": { name: "Discharge over-temperature", severity: "protection" },
  "discharge-undertemperature": { name: "Discharge under-temperature", severity: "protection" },
  "mosfet-overtemperature": { name: "MOSFET over-temperature", severity: "protection" },
  "charge-overcurrent": { name: "Charge over-current", severity: "protection" },
  "discharge-overcurrent": { name: "Discharge over-current", severity: "protection" },
  "short-circuit": { name: "Short circuit", severity: "protection" },
  "cell-imbalance": { name: "Cell imbalance", severity: "warning" },
  "low-capacity": { name: "Low capacity", severity: "warning" },
  "sensor-fault": { name: "Temperature sensor fault", severity: "fault" },
  "frontend-fault": { name: "Analog front-end fault", severity: "fault" },
  "mosfet-fault": { name: "MOSFET fault", severity: "fault" },
  "cell-count-mismatch": { name: "Cell count mismatch", severity: "fault" },
  "input-overvoltage": { name: "Input over-voltage", severity: "protection" },
  "input-undervoltage": { name: "Input under-voltage", severity: "protection" },
  "load-overcurrent": { name: "Load over-current", severity: "protection" },
  "internal-overtemperature": { name: "Device over-temperature", severity: "protection" },
  "communication-fault": { name: "Communication fault", severity: "fault" },
} as const satisfies Readonly<Record<string, CommonAlarm>>;

/** The id of a {@link COMMON_ALARMS} entry. */
export type CommonAlarmId = keyof typeof COMMON_ALARMS;

/** The active-alarm record for a common alarm id, with its shared name and severity. */
export function commonAlarm(id: CommonAlarmId): { readonly id: CommonAlarmId; readonly name: string; readonly severity: AlarmSeverity } {
  return { id, ...COMMON_ALARMS[id] };
}
