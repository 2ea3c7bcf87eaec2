import { createPrng, type Prng } from "@batt/core";
import { createFingerprint, type Fingerprint } from "../src/index.js";

export const DAY = 24 * 3600 * 1000;
export const T0 = Date.UTC(2025, 0, 1);

/** The seed's 4S pack (docs/protocols/icharger.md#seed-ir-example). */
export const SEED_PULSE = {
  kind: "pulse",
  ocvMillivolts: [3815, 3815, 3815, 3811],
  loadedMillivolts: [3685, 3688, 3684, 3663],
  currentMilliamps: 4440,
} as const;

/** A simulated pack with a known IR pattern and OCV offsets. */
export interface SimPack {
  cellIr: number[];
  ocvOffsets: number[];
}

export function simPack(prng: Prng, cells: number, meanIr = 20): SimPack {
  return {
    cellIr: Array.from({ length: cells }, () => meanIr * (0.85 + 0.3 * prng.next())),
    ocvOffsets: Array.from({ length: cells }, () => prng.normal(0, 4)),
  };
}

/**
 * One measurement of `pack` as ready per-cell IRs, with relative IR noise `noise`, a common factor `scale`
 * (temperature, ageing) and OCV noise `ocvNoise` mV.
 */
export function measure(
  prng: Prng,
  pack: SimPack,
  options: { noise?: number; scale?: number; ocvNoise?: number; at?: number; level?: number; chemistry?: string } = {},
): Fingerprint {
  const noise = options.noise ?? 0.01;
  const level = options.level ?? 3820;
  return createFingerprint(
    {
      kind: "cell-ir",
      cellIrMilliohm: pack.cellIr.map((ir) => ir * (options.scale ?? 1) * (1 + prng.normal(0, noise))),
      ocvMillivolts: pack.ocvOffsets.map((o) => Math.round(level + o + prng.normal(0, options.ocvNoise ?? 1))),
      resolutionMilliohm: 0.01,
    },
    { measuredAt: options.at ?? T0, ...(options.chemistry === undefined ? {} : { chemistry: options.chemistry }) },
  );
}

export { createPrng };
