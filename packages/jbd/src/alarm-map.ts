import { commonAlarm, type ActiveAlarm, type CommonAlarmId } from "@batt/core";
import type { BasicInfo } from "./basic-info.js";
import type { AlarmFlag, ProtectionFlag } from "./flags.js";

/** What a JBD flag means in the shared model: a `COMMON_ALARMS` id, or a JBD alarm of its own. */
export type JbdAlarmRef = CommonAlarmId | ActiveAlarm;

/**
 * Protection bits (basic info offset 16) as shared alarms: the same id wherever the meaning is the
 * same; the software lock (a MOSFET switched off by command, 0xE1) is JBD's own. Both MOSFET
 * breakdown bits are a MOSFET fault.
 */
export const PROTECTION_ALARMS: Readonly<Record<ProtectionFlag, JbdAlarmRef>> = {
  cellOvervoltage: "cell-overvoltage",
  cellUndervoltage: "cell-undervoltage",
  packOvervoltage: "pack-overvoltage",
  packUndervoltage: "pack-undervoltage",
  chargeOvertemperature: "charge-overtemperature",
  chargeUndertemperature: "charge-undertemperature",
  dischargeOvertemperature: "discharge-overtemperature",
  dischargeUndertemperature: "discharge-undertemperature",
  chargeOvercurrent: "charge-overcurrent",
  dischargeOvercurrent: "discharge-overcurrent",
  shortCircuit: "short-circuit",
  frontEndError: "frontend-fault",
  softwareLock: { id: "jbd-software-lock", name: "Software lock (MOSFET switched off by command)", severity: "protection" },
  chargeMosBreakdown: "mosfet-fault",
  dischargeMosBreakdown: "mosfet-fault",
};

/** A JBD warning: the firmware's early alarm for a condition its protection would switch off for. */
const warning = (id: string, name: string): ActiveAlarm => ({ id: `jbd-${id}`, name, severity: "warning" });

/**
 * Alarm bits of the extended tail (newer firmware) as shared alarms: cell imbalance and low capacity
 * are the shared warnings; the others warn before a protection trips, so they keep JBD ids
 * (a protection of the same condition has the shared id).
 */
export const TAIL_ALARMS: Readonly<Record<AlarmFlag, JbdAlarmRef>> = {
  cellHighVoltage: warning("cell-high-voltage", "Cell high voltage"),
  cellLowVoltage: warning("cell-low-voltage", "Cell low voltage"),
  packHighVoltage: warning("pack-high-voltage", "Pack high voltage"),
  packLowVoltage: warning("pack-low-voltage", "Pack low voltage"),
  chargeHighTemperature: warning("charge-high-temperature", "Charge high temperature"),
  chargeLowTemperature: warning("charge-low-temperature", "Charge low temperature"),
  dischargeHighTemperature: warning("discharge-high-temperature", "Discharge high temperature"),
  dischargeLowTemperature: warning("discharge-low-temperature", "Discharge low temperature"),
  chargeHighCurrent: warning("charge-high-current", "Charge high current"),
  dischargeHighCurrent: warning("discharge-high-current", "Discharge high current"),
  cellVoltageDifference: "cell-imbalance",
  lowCapacity: "low-capacity",
};

const resolve = (ref: JbdAlarmRef): ActiveAlarm => (typeof ref === "string" ? commonAlarm(ref) : ref);

/** The active alarms of a basic-info reading: protections first, then the tail's alarms; each id once. */
export function jbdAlarms(info: Pick<BasicInfo, "protectionActive" | "alarmActive">): ActiveAlarm[] {
  const refs = [...info.protectionActive.map((flag) => PROTECTION_ALARMS[flag]), ...(info.alarmActive ?? []).map((flag) => TAIL_ALARMS[flag])];
  const byId = new Map<string, ActiveAlarm>();
  for (const alarm of refs.map(resolve)) if (!byId.has(alarm.id)) byId.set(alarm.id, alarm);
  return [...byId.values()];
}
