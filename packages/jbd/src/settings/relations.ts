import { checkReleaseRelations, type ReleaseRelation } from "@batt/core";
import type { SettingValue } from "./types.js";

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
 * Checks every {@link RELEASE_RELATIONS} relation touching one of `changed` on the merged values `values`.
 *
 * @throws BattError `invalid-argument` listing every violation; nothing is sent.
 */
export function checkRelations(values: ReadonlyMap<string, SettingValue>, changed: ReadonlySet<string>): void {
  checkReleaseRelations(RELEASE_RELATIONS, Object.fromEntries(values), changed);
}
