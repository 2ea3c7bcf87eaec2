import { centeredLogIr } from "./ir-ratio.js";
import type { PackRecord } from "./pack-record.js";
import { mean } from "./reference.js";

/** Options for {@link estimateNoise}. */
export interface EstimateNoiseOptions {
  /** Only measurements of a pack at most this many days apart are paired (default 90), so ageing adds little. */
  readonly maxGapDays?: number;
  /** Only OCV patterns whose mean cell voltages differ by at most this much are paired, mV (default 100). */
  readonly ocvStateWindowMillivolts?: number;
}

/** Session-to-session repeatability measured from a library's histories. */
export interface NoiseEstimate {
  /** Estimated `NoiseModel.irRelative`, when any pair was found. */
  readonly irRelative?: number;
  /** Estimated `NoiseModel.ocvMillivolts`, when any OCV pair was found. */
  readonly ocvMillivolts?: number;
  /** Pairs of IR measurements used. */
  readonly irPairs: number;
  /** Pairs of OCV measurements used. */
  readonly ocvPairs: number;
  /** Independent squared differences behind {@link irRelative} (more is better; below ~20 it is rough). */
  readonly irDegreesOfFreedom: number;
}

/**
 * Estimates the measurement noise from packs measured more than once: consecutive measurements of a pack close
 * in time differ only by noise, and the squared difference of two n-cell signatures has expectation
 * 2 (n − 1) σ². The readings' resolution noise (already in each fingerprint's quality) is subtracted, so the
 * result plugs into `NoiseModel`.
 */
export function estimateNoise(records: readonly PackRecord[], options: EstimateNoiseOptions = {}): NoiseEstimate {
  const maxGap = (options.maxGapDays ?? 90) * 24 * 3600 * 1000;
  const window = options.ocvStateWindowMillivolts ?? 100;
  let irSum = 0;
  let irDims = 0;
  let irResolution = 0;
  let irPairs = 0;
  let ocvSum = 0;
  let ocvDims = 0;
  let ocvResolution = 0;
  let ocvPairs = 0;
  for (const record of records) {
    for (let j = 1; j < record.history.length; j++) {
      const a = record.history[j - 1]!;
      const b = record.history[j]!;
      if (Math.abs(Date.parse(b.measuredAt) - Date.parse(a.measuredAt)) > maxGap) continue;
      const dims = record.cellCount - 1;
      const za = centeredLogIr(a.cellIrMilliohm);
      const zb = centeredLogIr(b.cellIrMilliohm);
      irSum += za.reduce((s, v, i) => s + (v - zb[i]!) ** 2, 0);
      irResolution += (a.quality.irRelativeNoise ** 2 + b.quality.irRelativeNoise ** 2) * dims;
      irDims += 2 * dims;
      irPairs++;
      const pa = a.ocvPatternMillivolts;
      const pb = b.ocvPatternMillivolts;
      if (pa === undefined || pb === undefined || a.ocvMillivolts === undefined || b.ocvMillivolts === undefined) continue;
      if (Math.abs(mean(a.ocvMillivolts) - mean(b.ocvMillivolts)) > window) continue;
      ocvSum += pa.reduce((s, v, i) => s + (v - pb[i]!) ** 2, 0);
      ocvResolution += (((a.quality.ocvResolutionMillivolts ?? 1) ** 2 + (b.quality.ocvResolutionMillivolts ?? 1) ** 2) / 12) * dims;
      ocvDims += 2 * dims;
      ocvPairs++;
    }
  }
  const sd = (sum: number, resolution: number, dims: number): number => Math.sqrt(Math.max(0, sum - resolution) / dims);
  return {
    ...(irDims === 0 ? {} : { irRelative: sd(irSum, irResolution, irDims) }),
    ...(ocvDims === 0 ? {} : { ocvMillivolts: sd(ocvSum, ocvResolution, ocvDims) }),
    irPairs,
    ocvPairs,
    irDegreesOfFreedom: irDims / 2,
  };
}
