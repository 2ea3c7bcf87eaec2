import { finiteArray, invalid, positiveNumber } from "./checks.js";
import { checkCellIr, computeCellIr, type CellIrResult, type PulseCheckOptions } from "./cell-ir.js";
import type { FingerprintInput } from "./inputs.js";
import { irRatios } from "./ir-ratio.js";
import { ocvPattern } from "./ocv-pattern.js";

/** How precise a fingerprint is, from the readings' resolution. */
export interface FingerprintQuality {
  /** Where the IR values came from. */
  readonly source: "pulse" | "cell-ir";
  /**
   * Root-mean-square over the cells of the relative IR error due to resolution alone. The session-to-session
   * repeatability of IR (contact, temperature, pulse timing) is usually larger; matching adds it from its noise model.
   */
  readonly irRelativeNoise: number;
  /** The largest per-cell relative resolution error. */
  readonly worstCellRelativeNoise: number;
  /** Load current of the pulse, mA (pulse only). */
  readonly currentMilliamps?: number;
  /** Smallest per-cell voltage drop of the pulse, mV (pulse only). */
  readonly minDropMillivolts?: number;
  /** Resolution of the open-circuit voltages, mV (when they were given). */
  readonly ocvResolutionMillivolts?: number;
}

/**
 * A pack's signature from one measurement. JSON-ready: plain numbers and strings only.
 */
export interface Fingerprint {
  /** Cells in series. */
  readonly cellCount: number;
  /** Chemistry when known ("LiPo", "LiIon", "LiFePO4", ...); packs of different known chemistries never match. */
  readonly chemistry?: string;
  /** When the measurement was taken, ISO 8601. */
  readonly measuredAt: string;
  /** Internal resistance per cell, mΩ. */
  readonly cellIrMilliohm: readonly number[];
  /** Sum of the cell IRs (the pack without its leads), mΩ. */
  readonly packIrMilliohm: number;
  /** Mean cell IR, mΩ. */
  readonly meanCellIrMilliohm: number;
  /** Each cell's IR over the mean cell IR (the primary signature). */
  readonly irRatios: readonly number[];
  /** Open-circuit cell voltages, mV, when known. */
  readonly ocvMillivolts?: readonly number[];
  /** Open-circuit voltage of each cell minus the mean, mV, when known (the secondary signature). */
  readonly ocvPatternMillivolts?: readonly number[];
  /** Resolution-limited precision of this measurement. */
  readonly quality: FingerprintQuality;
}

/** Options for {@link createFingerprint}. */
export interface FingerprintOptions extends PulseCheckOptions {
  /** Chemistry of the pack, when known. */
  readonly chemistry?: string;
  /** When the measurement was taken (default: now). */
  readonly measuredAt?: Date | string | number;
}

/**
 * Parses a time given as a `Date`, an ISO string or epoch milliseconds into an ISO string.
 *
 * @throws BattError `invalid-argument` when it is not a valid time.
 */
export function toIsoTime(value: Date | string | number): string {
  const ms = value instanceof Date ? value.getTime() : typeof value === "number" ? value : Date.parse(value);
  // Beyond ±8.64e15 ms a Date is invalid and toISOString would throw a RangeError.
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) invalid(`not a valid time: ${String(value)}`);
  return new Date(ms).toISOString();
}

const rms = (values: readonly number[]): number => Math.sqrt(values.reduce((a, v) => a + v * v, 0) / values.length);

/**
 * Builds a {@link Fingerprint} from a load pulse or from ready per-cell IRs.
 *
 * @throws BattError `invalid-argument` for unusable input: fewer than 2 cells (one cell has no pattern),
 *   mismatched lengths, non-finite or non-positive values, a current or voltage drop below the limits
 *   (see {@link computeCellIr}), or an invalid time.
 */
export function createFingerprint(input: FingerprintInput, options: FingerprintOptions = {}): Fingerprint {
  let result: CellIrResult;
  let ocv: number[] | undefined;
  let ocvStep: number | undefined;
  if (input.kind === "pulse") {
    result = computeCellIr(input, options);
    ocv = finiteArray(input.ocvMillivolts, "ocvMillivolts");
    ocvStep = input.voltageResolutionMillivolts ?? 1;
  } else if (input.kind === "cell-ir") {
    result = checkCellIr(input);
    if (input.ocvMillivolts !== undefined) {
      ocv = finiteArray(input.ocvMillivolts, "ocvMillivolts");
      if (ocv.length !== result.cellIrMilliohm.length) invalid(`${result.cellIrMilliohm.length} IR values but ${ocv.length} voltages`);
      ocvStep = positiveNumber(input.voltageResolutionMillivolts ?? 1, "voltageResolutionMillivolts");
    }
  } else {
    invalid(`unknown input kind ${String((input as { kind?: unknown }).kind)}`);
  }
  const cellCount = result.cellIrMilliohm.length;
  if (cellCount < 2) invalid("a fingerprint needs at least 2 cells: one cell has no pattern", { cellCount });
  if (options.chemistry !== undefined && (typeof options.chemistry !== "string" || options.chemistry.trim() === "")) {
    invalid("chemistry must be a non-empty string");
  }
  const quality: FingerprintQuality = {
    source: input.kind,
    irRelativeNoise: rms(result.relativeNoise),
    worstCellRelativeNoise: Math.max(...result.relativeNoise),
    ...(result.currentMilliamps === undefined ? {} : { currentMilliamps: result.currentMilliamps }),
    ...(result.dropMillivolts === undefined ? {} : { minDropMillivolts: Math.min(...result.dropMillivolts.map(Math.abs)) }),
    ...(ocvStep === undefined ? {} : { ocvResolutionMillivolts: ocvStep }),
  };
  return {
    cellCount,
    ...(options.chemistry === undefined ? {} : { chemistry: options.chemistry.trim() }),
    measuredAt: toIsoTime(options.measuredAt ?? new Date()),
    cellIrMilliohm: result.cellIrMilliohm,
    packIrMilliohm: result.packIrMilliohm,
    meanCellIrMilliohm: result.meanCellIrMilliohm,
    irRatios: irRatios(result.cellIrMilliohm),
    ...(ocv === undefined ? {} : { ocvMillivolts: ocv, ocvPatternMillivolts: ocvPattern(ocv) }),
    quality,
  };
}
