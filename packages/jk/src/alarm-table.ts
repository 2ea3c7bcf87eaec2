import { commonAlarm, type ActiveAlarm, type AlarmSeverity, type CommonAlarmId } from "@batt/core";

/** What one JK alarm bit means in the shared model: a `COMMON_ALARMS` id, or a JK-only alarm. */
export type JkAlarmMeaning = CommonAlarmId | { readonly id: `jk-${string}`; readonly name: string; readonly severity: AlarmSeverity };

/**
 * The active alarms of a bit field, by its table of meanings: each named bit once, bits that share
 * a meaning (charge and discharge short circuit) once, and set bits the table does not name as
 * `jk-<field>-bit-<n>` so nothing the device says is lost.
 */
export function activeAlarms<N extends string>(
  names: readonly N[],
  unnamedBits: readonly number[],
  meanings: Readonly<Record<N, JkAlarmMeaning>>,
  field: string,
): ActiveAlarm[] {
  const out = new Map<string, ActiveAlarm>();
  for (const name of names) {
    const meaning: JkAlarmMeaning = meanings[name];
    const alarm: ActiveAlarm = typeof meaning === "string" ? commonAlarm(meaning) : meaning;
    if (!out.has(alarm.id)) out.set(alarm.id, { id: alarm.id, name: alarm.name, severity: alarm.severity });
  }
  for (const bit of unnamedBits) out.set(`jk-${field}-bit-${bit}`, { id: `jk-${field}-bit-${bit}`, name: `${field} bit ${bit}`, severity: "warning" });
  return [...out.values()];
}
