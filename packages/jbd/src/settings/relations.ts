import { BattError } from "@batt/core";
import type { SettingValue } from "./types.js";

/** A release value and the threshold it must stay on the safe side of. */
export interface ReleaseRelation {
  /** The release setting. */
  readonly release: string;
  /** The protection threshold. */
  readonly threshold: string;
  /** `below`: release ≤ threshold (over-limits); `above`: release ≥ threshold (under-limits). */
  readonly side: "below" | "above";
}

/** Release values must sit on the safe side of their thresholds (docs/protocols/jbd.md#eeprom-registers). */
export const RELEASE_RELATIONS: readonly ReleaseRelation[] = [
  { release: "covp_rel", threshold: "covp", side: "below" },
  { release: "cuvp_rel", threshold: "cuvp", side: "above" },
  { release: "povp_rel", threshold: "povp", side: "below" },
  { release: "puvp_rel", threshold: "puvp", side: "above" },
  { release: "chgot_rel", threshold: "chgot", side: "below" },
  { release: "chgut_rel", threshold: "chgut", side: "above" },
  { release: "dsgot_rel", threshold: "dsgot", side: "below" },
  { release: "dsgut_rel", threshold: "dsgut", side: "above" },
];

/** The settings that must be known to check `names` against their partners. */
export function relationPartners(names: Iterable<string>): string[] {
  const wanted = new Set(names);
  const out = new Set<string>();
  for (const r of RELEASE_RELATIONS) {
    if (wanted.has(r.release)) out.add(r.threshold);
    if (wanted.has(r.threshold)) out.add(r.release);
  }
  return [...out];
}

/**
 * Checks every relation touching one of `changed` on the merged values `values`.
 *
 * @throws BattError `invalid-argument` listing every violation; nothing is sent.
 */
export function checkRelations(values: ReadonlyMap<string, SettingValue>, changed: ReadonlySet<string>): void {
  const problems: string[] = [];
  for (const r of RELEASE_RELATIONS) {
    if (!changed.has(r.release) && !changed.has(r.threshold)) continue;
    const release = values.get(r.release);
    const threshold = values.get(r.threshold);
    if (typeof release !== "number" || typeof threshold !== "number") continue;
    const ok = r.side === "below" ? release <= threshold : release >= threshold;
    if (!ok) problems.push(`${r.release} (${release}) must be ${r.side === "below" ? "≤" : "≥"} ${r.threshold} (${threshold})`);
  }
  if (problems.length > 0) {
    throw new BattError("invalid-argument", `release values on the unsafe side: ${problems.join("; ")}`, { context: { violations: problems } });
  }
}
