import { BattError } from "../errors.js";
import type { SettingValues } from "./device-settings.js";

/** A release (recovery) setting and the protection threshold it must stay on the safe side of. */
export interface ReleaseRelation {
  /** The release setting. */
  readonly release: string;
  /** The protection threshold. */
  readonly threshold: string;
  /** `below`: release ≤ threshold (over-limits); `above`: release ≥ threshold (under-limits). */
  readonly side: "below" | "above";
}

/**
 * Checks every relation touching a key of `changed` on the merged values `values` (the device's
 * values with the changes over them), so that a protection never releases while still beyond its
 * limit. A relation whose partner is unknown is not checked (the write, which reads it, checks it).
 *
 * @throws BattError `invalid-argument` listing every violation.
 */
export function checkReleaseRelations(relations: readonly ReleaseRelation[], values: SettingValues, changed: ReadonlySet<string>): void {
  const problems: string[] = [];
  for (const r of relations) {
    if (!changed.has(r.release) && !changed.has(r.threshold)) continue;
    const release = values[r.release];
    const threshold = values[r.threshold];
    if (typeof release !== "number" || typeof threshold !== "number") continue;
    if (r.side === "below" ? release > threshold : release < threshold) {
      problems.push(`${r.release} (${release}) must be ${r.side === "below" ? "≤" : "≥"} ${r.threshold} (${threshold})`);
    }
  }
  if (problems.length > 0) throw new BattError("invalid-argument", `release values on the unsafe side: ${problems.join("; ")}`, { context: { violations: problems } });
}
