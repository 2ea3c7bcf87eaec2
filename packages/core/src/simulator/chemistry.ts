import { BattError } from "../errors.js";

/** Cell chemistries the battery model knows. */
export type Chemistry = "lifepo4" | "li-ion" | "lipo" | "lihv" | "lto" | "nimh" | "nicd" | "nizn" | "lead-acid";

/** A chemistry's open-circuit voltage curve and the limits a BMS or charger applies to it (cell level). */
export interface ChemistryProfile {
  /** Name for a person. */
  readonly name: string;
  /** `[state of charge %, open-circuit voltage V]`, ascending in both. */
  readonly ocv: readonly (readonly [soc: number, volts: number])[];
  /** Nominal cell voltage, V. */
  readonly nominal: number;
  /** Cell over-voltage protection and its release, V. */
  readonly overvoltage: readonly [trip: number, release: number];
  /** Cell under-voltage protection and its release, V. */
  readonly undervoltage: readonly [trip: number, release: number];
  /** Cell voltage above which a BMS balances, V. */
  readonly balanceStart: number;
}

/**
 * One curve per chemistry for every simulator: typical, smooth cell curves at rest and 25 °C (flat
 * LiFePO4, sloped NMC Li-ion and LiPo, high-voltage LiPo, low-voltage LTO, nickel and lead), good for
 * behaviour, not for cell modelling.
 */
export const CHEMISTRIES: Readonly<Record<Chemistry, ChemistryProfile>> = {
  lifepo4: {
    name: "LiFePO4",
    ocv: [[0, 2.5], [5, 3.0], [10, 3.2], [20, 3.25], [30, 3.28], [40, 3.3], [50, 3.31], [60, 3.32], [70, 3.33], [80, 3.34], [90, 3.35], [95, 3.4], [100, 3.6]],
    nominal: 3.2,
    overvoltage: [3.65, 3.4],
    undervoltage: [2.5, 2.9],
    balanceStart: 3.4,
  },
  "li-ion": {
    name: "Li-ion (NMC)",
    ocv: [[0, 3.0], [5, 3.3], [10, 3.45], [20, 3.55], [30, 3.62], [40, 3.68], [50, 3.74], [60, 3.82], [70, 3.9], [80, 3.98], [90, 4.07], [100, 4.2]],
    nominal: 3.7,
    overvoltage: [4.25, 4.15],
    undervoltage: [2.8, 3.0],
    balanceStart: 3.9,
  },
  lipo: {
    name: "LiPo",
    ocv: [[0, 3.0], [5, 3.45], [10, 3.6], [20, 3.7], [40, 3.78], [60, 3.88], [80, 4.0], [90, 4.08], [100, 4.2]],
    nominal: 3.7,
    overvoltage: [4.25, 4.15],
    undervoltage: [3.0, 3.2],
    balanceStart: 3.9,
  },
  lihv: {
    name: "LiHV",
    ocv: [[0, 3.0], [5, 3.46], [10, 3.62], [20, 3.73], [40, 3.84], [60, 3.97], [80, 4.12], [90, 4.22], [100, 4.35]],
    nominal: 3.8,
    overvoltage: [4.4, 4.3],
    undervoltage: [3.0, 3.2],
    balanceStart: 4.0,
  },
  lto: {
    name: "LTO",
    ocv: [[0, 1.8], [10, 2.1], [20, 2.2], [50, 2.35], [80, 2.45], [90, 2.55], [100, 2.8]],
    nominal: 2.4,
    overvoltage: [2.85, 2.65],
    undervoltage: [1.7, 1.9],
    balanceStart: 2.5,
  },
  nimh: {
    name: "NiMH",
    ocv: [[0, 1.0], [10, 1.2], [50, 1.25], [90, 1.35], [100, 1.45]],
    nominal: 1.2,
    overvoltage: [1.6, 1.45],
    undervoltage: [0.9, 1.1],
    balanceStart: 1.45,
  },
  nicd: {
    name: "NiCd",
    ocv: [[0, 1.0], [10, 1.2], [50, 1.25], [90, 1.35], [100, 1.45]],
    nominal: 1.2,
    overvoltage: [1.6, 1.45],
    undervoltage: [0.85, 1.1],
    balanceStart: 1.45,
  },
  nizn: {
    name: "NiZn",
    ocv: [[0, 1.3], [50, 1.65], [100, 1.9]],
    nominal: 1.65,
    overvoltage: [1.95, 1.85],
    undervoltage: [1.1, 1.3],
    balanceStart: 1.85,
  },
  "lead-acid": {
    name: "Lead-acid",
    ocv: [[0, 1.9], [50, 2.03], [100, 2.15]],
    nominal: 2.0,
    overvoltage: [2.45, 2.3],
    undervoltage: [1.75, 1.9],
    balanceStart: 2.3,
  },
};

/** Whether `name` is a {@link Chemistry}. */
export function isChemistry(name: unknown): name is Chemistry {
  return typeof name === "string" && Object.hasOwn(CHEMISTRIES, name);
}

/**
 * The profile of `name`.
 *
 * @throws BattError `invalid-argument` for an unknown chemistry.
 */
export function chemistryProfile(name: string): ChemistryProfile {
  if (!isChemistry(name)) throw new BattError("invalid-argument", `unknown chemistry "${name}" (known: ${Object.keys(CHEMISTRIES).join(", ")})`);
  return CHEMISTRIES[name];
}

/** Open-circuit voltage, V, at state of charge `soc` (%, clamped to 0–100), by linear interpolation. */
export function ocvAt(profile: ChemistryProfile, soc: number): number {
  const points = profile.ocv;
  const s = Math.min(100, Math.max(0, soc));
  for (let i = 1; i < points.length; i++) {
    const [s1, v1] = points[i]!;
    const [s0, v0] = points[i - 1]!;
    if (s <= s1) return v0 + ((v1 - v0) * (s - s0)) / (s1 - s0);
  }
  return points[points.length - 1]![1];
}

/** State of charge, %, whose open-circuit voltage is `volts` (clamped to the curve). */
export function socAt(profile: ChemistryProfile, volts: number): number {
  const points = profile.ocv;
  if (volts <= points[0]![1]) return 0;
  for (let i = 1; i < points.length; i++) {
    const [s1, v1] = points[i]!;
    const [s0, v0] = points[i - 1]!;
    if (volts <= v1) return s0 + ((s1 - s0) * (volts - v0)) / (v1 - v0);
  }
  return 100;
}
