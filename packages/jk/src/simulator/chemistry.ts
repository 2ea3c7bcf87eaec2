/** Cell chemistry of a simulated pack (the battery types of identifier 0xAF). */
export type Chemistry = "lifepo4" | "ternary" | "lto";

/** Open-circuit voltage against state of charge (0..1), piecewise linear: [soc, volts]. */
const OCV: Readonly<Record<Chemistry, readonly (readonly [number, number])[]>> = {
  lifepo4: [
    [0, 2.5],
    [0.05, 3.0],
    [0.1, 3.2],
    [0.2, 3.25],
    [0.4, 3.29],
    [0.6, 3.31],
    [0.8, 3.33],
    [0.9, 3.35],
    [0.95, 3.4],
    [0.99, 3.5],
    [1, 3.65],
  ],
  ternary: [
    [0, 3.0],
    [0.1, 3.45],
    [0.3, 3.65],
    [0.5, 3.75],
    [0.7, 3.9],
    [0.9, 4.05],
    [1, 4.2],
  ],
  lto: [
    [0, 1.8],
    [0.1, 2.1],
    [0.5, 2.3],
    [0.9, 2.5],
    [1, 2.8],
  ],
};

/** Open-circuit voltage of one cell at `soc` (0..1), V. */
export function openCircuitVoltage(chemistry: Chemistry, soc: number): number {
  const curve = OCV[chemistry];
  const s = Math.min(1, Math.max(0, soc));
  for (let i = 1; i < curve.length; i++) {
    const [s1, v1] = curve[i]!;
    const [s0, v0] = curve[i - 1]!;
    if (s <= s1) return v0 + ((v1 - v0) * (s - s0)) / (s1 - s0);
  }
  return curve[curve.length - 1]![1];
}

/** Protection and balance thresholds typical of each chemistry, V (defaults of a simulated BMS). */
export const CHEMISTRY_LIMITS: Readonly<
  Record<Chemistry, { readonly ovp: number; readonly ovpRecovery: number; readonly uvp: number; readonly uvpRecovery: number; readonly balanceStart: number }>
> = {
  lifepo4: { ovp: 3.65, ovpRecovery: 3.55, uvp: 2.6, uvpRecovery: 2.8, balanceStart: 3.4 },
  ternary: { ovp: 4.2, ovpRecovery: 4.1, uvp: 3.0, uvpRecovery: 3.2, balanceStart: 3.8 },
  lto: { ovp: 2.8, ovpRecovery: 2.7, uvp: 1.8, uvpRecovery: 2.0, balanceStart: 2.4 },
};
