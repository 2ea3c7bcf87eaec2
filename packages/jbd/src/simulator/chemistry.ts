import { BattError } from "@batt/core";

/** Cell chemistries the simulator models. */
export type Chemistry = "lifepo4" | "li-ion" | "lto";

/** Open-circuit voltage curve and protection limits of a chemistry (cell level, V). */
export interface ChemistryProfile {
  /** `[state of charge 0..1, open-circuit voltage V]`, ascending. */
  readonly ocv: readonly (readonly [number, number])[];
  /** Cell overvoltage protection and release, V. */
  readonly covp: readonly [number, number];
  /** Cell undervoltage protection and release, V. */
  readonly cuvp: readonly [number, number];
  /** Balance start voltage, V. */
  readonly balanceStart: number;
}

/** Typical curves: flat LiFePO4, sloped NMC Li-ion, low-voltage LTO. */
export const CHEMISTRIES: Readonly<Record<Chemistry, ChemistryProfile>> = {
  lifepo4: {
    ocv: [
      [0, 2.5], [0.05, 3.0], [0.1, 3.2], [0.2, 3.25], [0.3, 3.28], [0.4, 3.3], [0.5, 3.31],
      [0.6, 3.32], [0.7, 3.33], [0.8, 3.34], [0.9, 3.35], [0.95, 3.4], [1, 3.6],
    ],
    covp: [3.65, 3.4],
    cuvp: [2.5, 2.9],
    balanceStart: 3.4,
  },
  "li-ion": {
    ocv: [
      [0, 3.0], [0.05, 3.3], [0.1, 3.45], [0.2, 3.55], [0.3, 3.62], [0.4, 3.68], [0.5, 3.74],
      [0.6, 3.82], [0.7, 3.9], [0.8, 3.98], [0.9, 4.07], [1, 4.2],
    ],
    covp: [4.25, 4.15],
    cuvp: [2.8, 3.0],
    balanceStart: 3.9,
  },
  lto: {
    ocv: [[0, 1.8], [0.1, 2.1], [0.2, 2.2], [0.5, 2.35], [0.8, 2.45], [0.9, 2.55], [1, 2.8]],
    covp: [2.85, 2.65],
    cuvp: [1.7, 1.9],
    balanceStart: 2.5,
  },
};

/** The profile of `name`; throws `invalid-argument` for an unknown chemistry. */
export function chemistryProfile(name: string): ChemistryProfile {
  const profile = (CHEMISTRIES as Record<string, ChemistryProfile | undefined>)[name];
  if (!profile) throw new BattError("invalid-argument", `unknown chemistry "${name}" (known: ${Object.keys(CHEMISTRIES).join(", ")})`);
  return profile;
}

/** Open-circuit voltage at state of charge `soc` (0..1, clamped), by linear interpolation. */
export function ocvAt(profile: ChemistryProfile, soc: number): number {
  const points = profile.ocv;
  const s = Math.min(1, Math.max(0, soc));
  for (let i = 1; i < points.length; i++) {
    const [s1, v1] = points[i]!;
    const [s0, v0] = points[i - 1]!;
    if (s <= s1) return v0 + ((v1 - v0) * (s - s0)) / (s1 - s0);
  }
  return points[points.length - 1]![1];
}

/** State of charge (0..1) whose open-circuit voltage is `volts` (clamped to the curve). */
export function socAt(profile: ChemistryProfile, volts: number): number {
  const points = profile.ocv;
  if (volts <= points[0]![1]) return 0;
  for (let i = 1; i < points.length; i++) {
    const [s1, v1] = points[i]!;
    const [s0, v0] = points[i - 1]!;
    if (volts <= v1) return s0 + ((s1 - s0) * (volts - v0)) / (v1 - v0);
  }
  return 1;
}
