import { BattError } from "@batt/core";
import type { Chemistry } from "@batt/core/simulator";

/** The battery types of identifier 0xAF (0 LiFePO4, 1 ternary NMC, 2 LTO) as the shared model's chemistries. */
export const JK_BATTERY_CHEMISTRIES = { lifepo4: "lifepo4", ternary: "li-ion", lto: "lto" } as const satisfies Readonly<Record<string, Chemistry>>;

/** A battery type name of identifier 0xAF. */
export type JkBatteryType = keyof typeof JK_BATTERY_CHEMISTRIES;

/**
 * The 0xAF battery type of a chemistry (`li-ion` is JK's `ternary`).
 *
 * @throws BattError `invalid-argument` for a chemistry a JK BMS has no type for (LiPo, nickel, lead).
 */
export function jkBatteryTypeOf(chemistry: Chemistry): JkBatteryType {
  const found = (Object.keys(JK_BATTERY_CHEMISTRIES) as JkBatteryType[]).find((type) => JK_BATTERY_CHEMISTRIES[type] === chemistry);
  if (!found) throw new BattError("invalid-argument", `a JK BMS has no battery type for ${chemistry} (it knows lifepo4, li-ion as ternary, and lto)`);
  return found;
}
