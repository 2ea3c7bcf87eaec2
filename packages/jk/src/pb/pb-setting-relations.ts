import { BattError, type SettingValue } from "@batt/core";

/** A recovery value and the protection threshold it must stay on the safe side of. */
export interface JkPbRelation {
  /** The recovery (release) setting. */
  readonly release: string;
  /** The protection threshold. */
  readonly threshold: string;
  /** `below`: release ≤ threshold (over-limits); `above`: release ≥ threshold (under-limits). */
  readonly side: "below" | "above";
}

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
 * Checks every relation touching a key of `changed` on the merged values `values`; a relation whose
 * partner is unknown is not checked.
 *
 * @throws BattError `invalid-argument` listing every violation.
 */
export function checkJkPbRelations(values: Readonly<Record<string, SettingValue>>, changed: ReadonlySet<string>): void {
  const problems: string[] = [];
  for (const r of JK_PB_RELATIONS) {
    if (!changed.has(r.release) && !changed.has(r.threshold)) continue;
    const release = values[r.release];
    const threshold = values[r.threshold];
    if (typeof release !== "number" || typeof threshold !== "number") continue;
    if (r.side === "below" ? release > threshold : release < threshold) {
      problems.push(`${r.release} (${release}) must be ${r.side === "below" ? "≤" : "≥"} ${r.threshold} (${threshold})`);
    }
  }
  if (problems.length > 0) throw new BattError("invalid-argument", `recovery values on the unsafe side: ${problems.join("; ")}`, { context: { violations: problems } });
}
