import type { Chemistry } from "../models/chemistry.js";

/** Open-circuit voltage curve: state of charge (0..1) to cell mV, as points sorted by charge. */
export type OcvCurve = readonly (readonly [soc: number, mv: number])[];

const LIPO: OcvCurve = [
  [0, 3000],
  [0.05, 3450],
  [0.1, 3600],
  [0.2, 3700],
  [0.4, 3780],
  [0.6, 3880],
  [0.8, 4000],
  [0.9, 4080],
  [1, 4200],
];

const shift = (curve: OcvCurve, top: number): OcvCurve => curve.map(([soc, mv]) => [soc, mv + (top - 4200) * soc] as const);

/** Simplified OCV curves per chemistry (good enough for charge/discharge behaviour, not for modelling cells). */
export const OCV_CURVES: Readonly<Record<Chemistry, OcvCurve>> = {
  LiPo: LIPO,
  LiIo: shift(LIPO, 4100),
  LiHV: shift(LIPO, 4350),
  LiFe: [
    [0, 2500],
    [0.05, 3000],
    [0.1, 3200],
    [0.2, 3250],
    [0.5, 3300],
    [0.8, 3330],
    [0.95, 3350],
    [1, 3600],
  ],
  LTO: [
    [0, 1800],
    [0.1, 2150],
    [0.5, 2300],
    [0.9, 2450],
    [1, 2700],
  ],
  NiMH: [
    [0, 1000],
    [0.1, 1200],
    [0.5, 1250],
    [0.9, 1350],
    [1, 1450],
  ],
  NiCd: [
    [0, 1000],
    [0.1, 1200],
    [0.5, 1250],
    [0.9, 1350],
    [1, 1450],
  ],
  NiZn: [
    [0, 1300],
    [0.5, 1650],
    [1, 1900],
  ],
  Pb: [
    [0, 1900],
    [1, 2150],
  ],
  Power: [
    [0, 0],
    [1, 0],
  ],
  User: LIPO,
};

/** OCV in mV at a state of charge (clamped to 0..1). */
export function ocvAt(curve: OcvCurve, soc: number): number {
  const s = Math.min(1, Math.max(0, soc));
  for (let i = 1; i < curve.length; i++) {
    const [s1, v1] = curve[i]!;
    const [s0, v0] = curve[i - 1]!;
    if (s <= s1) return s1 === s0 ? v1 : v0 + ((v1 - v0) * (s - s0)) / (s1 - s0);
  }
  return curve[curve.length - 1]![1];
}

/** State of charge at an OCV in mV (inverse of {@link ocvAt}, clamped). */
export function socAt(curve: OcvCurve, mv: number): number {
  if (mv <= curve[0]![1]) return 0;
  for (let i = 1; i < curve.length; i++) {
    const [s1, v1] = curve[i]!;
    const [s0, v0] = curve[i - 1]!;
    if (mv <= v1) return v1 === v0 ? s1 : s0 + ((s1 - s0) * (mv - v0)) / (v1 - v0);
  }
  return 1;
}
