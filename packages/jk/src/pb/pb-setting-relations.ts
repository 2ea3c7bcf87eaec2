import { checkReleaseRelations, type ReleaseRelation, type SettingValues } from "@batt/core";

/** A recovery value and the protection threshold it must stay on the safe side of (core's `ReleaseRelation`). */
export type JkPbRelation = ReleaseRelation;

/** Recoveries must sit on the safe side of their protections, or the pack would switch back on while still beyond the limit. */
export const JK_PB_RELATIONS: readonly JkPbRelation[] = [
  { release: "cellOvervoltageRecovery", threshold: "cellOvervoltageProtection", side: "below" },
  { release: "cellUndervoltageRecovery", threshold: "cellUndervoltageProtection", side: "above" },
  { release: "chargeOvertemperatureRelease", threshold: "chargeOvertemperature", side: "below" },
  { release: "dischargeOvertemperatureRelease", threshold: "dischargeOvertemperature", side: "below" },
  { release: "chargeUndertemperatureRelease", threshold: "chargeUndertemperature", side: "above" },
  { release: "mosOvertemperatureRelease", threshold: "mosOvertemperature", side: "below" },
];

/**
 * Checks every {@link JK_PB_RELATIONS} relation touching a key of `changed` on the merged values
 * `values`; a relation whose partner is unknown is not checked.
 *
 * @throws BattError `invalid-argument` listing every violation.
 */
export function checkJkPbRelations(values: SettingValues, changed: ReadonlySet<string>): void {
  checkReleaseRelations(JK_PB_RELATIONS, values, changed);
}
