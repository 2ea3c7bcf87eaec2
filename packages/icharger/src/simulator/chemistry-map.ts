import type { Chemistry as CoreChemistry } from "@batt/core/simulator";
import type { Chemistry } from "../models/chemistry.js";

/**
 * The battery model's chemistry for each iCharger battery type. `User` presets are modelled as LiPo
 * (their curve is the user's); `Power` is the X's power-supply mode and has no battery to model.
 */
export const SIM_CHEMISTRIES: Readonly<Record<Chemistry, CoreChemistry | undefined>> = {
  LiPo: "lipo",
  LiIo: "li-ion",
  LiHV: "lihv",
  LiFe: "lifepo4",
  LTO: "lto",
  NiMH: "nimh",
  NiCd: "nicd",
  NiZn: "nizn",
  Pb: "lead-acid",
  User: "lipo",
  Power: undefined,
};
