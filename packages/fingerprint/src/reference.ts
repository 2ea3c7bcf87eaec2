import { invalid } from "./checks.js";
import type { Fingerprint } from "./fingerprint.js";
import { centeredLogIr } from "./ir-ratio.js";
import { MS_PER_YEAR, type NoiseModel } from "./noise-model.js";
import type { PackRecord } from "./pack-record.js";

/**
 * A pack's current best estimate of its signatures, with their uncertainty: a Kalman filter run over the
 * pack's history, in which the signatures drift as a random walk (ageing) and every measurement is noisy.
 * Several measurements make a sharper reference; time since the last one widens it again.
 */
export interface PackReference {
  /** Estimated centred ln IR per cell (see `centeredLogIr`). */
  readonly logIr: readonly number[];
  /** Variance of each component of {@link logIr} at {@link irTime}. */
  readonly irVariance: number;
  /** Time of the last IR measurement, epoch ms. */
  readonly irTime: number;
  /** Estimated OCV pattern, mV, when the history has voltages. */
  readonly ocvPattern?: readonly number[];
  /** Variance of each component of {@link ocvPattern}, mV². */
  readonly ocvVariance?: number;
  /** Time of the last OCV measurement, epoch ms. */
  readonly ocvTime?: number;
  /** Mean cell OCV of the last OCV measurement, mV (the state the pattern belongs to). */
  readonly ocvMeanMillivolts?: number;
  /** Mean cell IR of the last measurement, mΩ (for the pack-level gate). */
  readonly meanCellIrMilliohm: number;
  /** Measurements the reference was built from. */
  readonly measurements: number;
}

/** Variance of one component of a fingerprint's centred ln IR: resolution plus session repeatability. */
export function irMeasurementVariance(fingerprint: Fingerprint, noise: NoiseModel): number {
  return fingerprint.quality.irRelativeNoise ** 2 + noise.irRelative ** 2;
}

/** Variance of one component of a fingerprint's OCV pattern, mV²: quantisation plus session repeatability. */
export function ocvMeasurementVariance(fingerprint: Fingerprint, noise: NoiseModel): number {
  const step = fingerprint.quality.ocvResolutionMillivolts ?? 1;
  return step ** 2 / 12 + noise.ocvMillivolts ** 2;
}

/** Mean of a list of numbers. */
export const mean = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0) / values.length;

interface FilterState {
  x: number[];
  p: number;
  t: number;
}

// One scalar-variance Kalman step, the same for every component (the noise is isotropic).
function kalmanStep(state: FilterState | undefined, z: readonly number[], r: number, t: number, driftPerYear: number): FilterState {
  if (state === undefined) return { x: [...z], p: r, t };
  const years = Math.abs(t - state.t) / MS_PER_YEAR;
  const predicted = state.p + driftPerYear ** 2 * years;
  const gain = predicted / (predicted + r);
  return { x: state.x.map((x, i) => x + gain * (z[i]! - x)), p: (1 - gain) * predicted, t: Math.max(t, state.t) };
}

/**
 * Builds the reference of a record from its whole history under `noise`.
 *
 * @param ocvStateWindowMillivolts When a measurement's mean cell voltage is further than this from the state
 *   the OCV reference was built at, the OCV reference restarts from that measurement (the pattern depends on
 *   the state of charge).
 */
export function packReference(record: PackRecord, noise: NoiseModel, ocvStateWindowMillivolts: number): PackReference {
  let ir: FilterState | undefined;
  let ocv: FilterState | undefined;
  let ocvMean: number | undefined;
  let meanIr = 0;
  for (const entry of record.history) {
    const t = Date.parse(entry.measuredAt);
    ir = kalmanStep(ir, centeredLogIr(entry.cellIrMilliohm), irMeasurementVariance(entry, noise), t, noise.irRatioDriftPerYear);
    meanIr = entry.meanCellIrMilliohm;
    if (entry.ocvMillivolts !== undefined && entry.ocvPatternMillivolts !== undefined) {
      const level = mean(entry.ocvMillivolts);
      if (ocvMean !== undefined && Math.abs(level - ocvMean) > ocvStateWindowMillivolts) ocv = undefined;
      ocv = kalmanStep(ocv, entry.ocvPatternMillivolts, ocvMeasurementVariance(entry, noise), t, noise.ocvDriftPerYear);
      ocvMean = level;
    }
  }
  if (ir === undefined) invalid(`pack ${record.id} has no measurements`);
  return {
    logIr: ir.x,
    irVariance: ir.p,
    irTime: ir.t,
    ...(ocv === undefined || ocvMean === undefined
      ? {}
      : { ocvPattern: ocv.x, ocvVariance: ocv.p, ocvTime: ocv.t, ocvMeanMillivolts: ocvMean }),
    meanCellIrMilliohm: meanIr,
    measurements: record.history.length,
  };
}
