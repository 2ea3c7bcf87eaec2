/** Battery chemistries an iCharger preset can name. */
export type Chemistry = "LiPo" | "LiIo" | "LiFe" | "LiHV" | "LTO" | "NiMH" | "NiCd" | "NiZn" | "Pb" | "Power" | "User";

/**
 * Which operation table a chemistry uses (docs/protocols/icharger.md#control-registers-holding-0x8000): lithium types (balance leads, storage,
 * balance-only), nickel and lead types (charge, discharge, cycle), the X power supply, or unknown.
 */
export type ChemistryClass = "lithium" | "nickel-lead" | "power" | "unknown";

/** Lithium chemistries: cells are measured on the balance port. */
export const LITHIUM_CHEMISTRIES: ReadonlySet<Chemistry> = new Set(["LiPo", "LiIo", "LiFe", "LiHV", "LTO"]);

/** The class of a chemistry. `User` is undocumented and stays `unknown`. */
export function chemistryClass(chemistry: Chemistry): ChemistryClass {
  if (LITHIUM_CHEMISTRIES.has(chemistry)) return "lithium";
  if (chemistry === "NiMH" || chemistry === "NiCd" || chemistry === "NiZn" || chemistry === "Pb") return "nickel-lead";
  if (chemistry === "Power") return "power";
  return "unknown";
}

/** Battery-type numbering of a preset's `type` byte (docs/protocols/icharger.md#preset-memory-holding-0x8c00). */
export type BatteryTypeNumbering = "duo" | "x";

/** DUO numbering: 0 LiPo … 7 LiHV. */
const DUO_TYPES: readonly Chemistry[] = ["LiPo", "LiIo", "LiFe", "NiMH", "NiCd", "Pb", "NiZn", "LiHV"];
/** X/DX numbering: 0 LiPo … 10 User. */
const X_TYPES: readonly Chemistry[] = ["LiPo", "LiIo", "LiFe", "LiHV", "LTO", "NiMH", "NiCd", "NiZn", "Pb", "Power", "User"];

/** The battery types of a numbering, by number. */
export function batteryTypes(numbering: BatteryTypeNumbering): readonly Chemistry[] {
  return numbering === "duo" ? DUO_TYPES : X_TYPES;
}

/** The chemistry of a preset type number, or `undefined` for a number the numbering does not have. */
export function chemistryOfType(numbering: BatteryTypeNumbering, type: number): Chemistry | undefined {
  return batteryTypes(numbering)[type];
}

/** The type number of a chemistry, or `undefined` when the numbering lacks it (LTO on a DUO). */
export function typeOfChemistry(numbering: BatteryTypeNumbering, chemistry: Chemistry): number | undefined {
  const index = batteryTypes(numbering).indexOf(chemistry);
  return index < 0 ? undefined : index;
}

/**
 * Per-cell voltage limits of a chemistry, V (docs/protocols/icharger.md#preset-memory-holding-0x8c00 ranges): the lowest settable discharge
 * voltage and the highest settable charge voltage. A cell outside them is not a healthy cell of that
 * chemistry. LiHV's discharge floor is not given; LiPo's is used.
 */
export const CELL_LIMITS: Readonly<Partial<Record<Chemistry, { readonly min: number; readonly max: number }>>> = {
  LiPo: { min: 3.0, max: 4.35 },
  LiIo: { min: 2.5, max: 4.35 },
  LiFe: { min: 2.0, max: 3.8 },
  LiHV: { min: 3.0, max: 4.45 },
  LTO: { min: 1.5, max: 3.1 },
};
