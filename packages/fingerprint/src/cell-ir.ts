import { finiteArray, finiteNumber, invalid, positiveNumber } from "./checks.js";
import type { CellIrReadings, PulseReadings } from "./inputs.js";

/** Validity limits for a load pulse. */
export interface PulseCheckOptions {
  /** Smallest usable load current, mA (default 500). Below it the drops drown in resolution and noise. */
  readonly minCurrentMilliamps?: number;
  /** Smallest usable voltage drop of any cell, mV (default 20: 1 mV resolution then costs at most ~2%). */
  readonly minDropMillivolts?: number;
}

/** Default smallest usable load current, mA. */
export const DEFAULT_MIN_CURRENT_MA = 500;
/** Default smallest usable per-cell voltage drop, mV. */
export const DEFAULT_MIN_DROP_MV = 20;

/** Per-cell internal resistance with what limits its precision. */
export interface CellIrResult {
  /** Internal resistance per cell, mΩ. */
  readonly cellIrMilliohm: readonly number[];
  /** The pack's internal resistance without leads: the sum of the cells' (they are in series), mΩ. */
  readonly packIrMilliohm: number;
  /** Mean cell internal resistance, mΩ. */
  readonly meanCellIrMilliohm: number;
  /** Per-cell relative standard deviation from the readings' resolution alone (quantisation noise). */
  readonly relativeNoise: readonly number[];
  /** Voltage drop per cell under load, mV (pulse input only). */
  readonly dropMillivolts?: readonly number[];
  /** Load current, mA (pulse input only). */
  readonly currentMilliamps?: number;
}

// A reading quantised to steps of q has a uniform error of variance q²/12; a difference of two such
// readings has twice that.
const quantisationSd = (step: number): number => step / Math.sqrt(12);

/**
 * Computes each cell's internal resistance from a load pulse: IR = (OCV − V_loaded) / I.
 *
 * @example The 4S pack of docs/protocols/icharger.md#seed-ir-example: OCV 3815 mV, 3685 mV under 4440 mA → cell 1 = 130 mV / 4.44 A = 29.3 mΩ.
 * @throws BattError `invalid-argument` when the arrays differ in length or are empty, a value is not finite,
 *   a rest voltage is not positive, the current is below `minCurrentMilliamps`, or any cell's drop (in the
 *   direction of the current) is below `minDropMillivolts`.
 */
export function computeCellIr(pulse: PulseReadings, options: PulseCheckOptions = {}): CellIrResult {
  const ocv = finiteArray(pulse.ocvMillivolts, "ocvMillivolts");
  const loaded = finiteArray(pulse.loadedMillivolts, "loadedMillivolts");
  const current = finiteNumber(pulse.currentMilliamps, "currentMilliamps");
  const voltStep = positiveNumber(pulse.voltageResolutionMillivolts ?? 1, "voltageResolutionMillivolts");
  const currentStep = positiveNumber(pulse.currentResolutionMilliamps ?? 10, "currentResolutionMilliamps");
  const minCurrent = options.minCurrentMilliamps ?? DEFAULT_MIN_CURRENT_MA;
  const minDrop = options.minDropMillivolts ?? DEFAULT_MIN_DROP_MV;
  if (ocv.length === 0) invalid("no cells given");
  if (ocv.length !== loaded.length) invalid(`${ocv.length} rest voltages but ${loaded.length} loaded voltages`);
  ocv.forEach((v, i) => {
    if (v <= 0) invalid(`cell ${i + 1} rest voltage ${v} mV is not positive (cell not connected?)`, { cell: i + 1 });
  });
  if (Math.abs(current) < minCurrent) {
    invalid(`load current ${current} mA is below the minimum of ${minCurrent} mA`, { currentMilliamps: current, minCurrentMilliamps: minCurrent });
  }
  const sign = Math.sign(current);
  const drops = ocv.map((v, i) => v - loaded[i]!);
  drops.forEach((drop, i) => {
    if (drop * sign < minDrop) {
      invalid(`cell ${i + 1} voltage moved ${drop * sign} mV under load, below the minimum of ${minDrop} mV`, {
        cell: i + 1,
        dropMillivolts: drop,
        minDropMillivolts: minDrop,
      });
    }
  });
  // mV / mA = Ω; × 1000 for mΩ.
  const cellIr = drops.map((drop) => (drop / current) * 1000);
  const currentRel = quantisationSd(currentStep) / Math.abs(current);
  const relativeNoise = drops.map((drop) => Math.hypot((quantisationSd(voltStep) * Math.SQRT2) / Math.abs(drop), currentRel));
  const pack = cellIr.reduce((a, b) => a + b, 0);
  return {
    cellIrMilliohm: cellIr,
    packIrMilliohm: pack,
    meanCellIrMilliohm: pack / cellIr.length,
    relativeNoise,
    dropMillivolts: drops,
    currentMilliamps: current,
  };
}

/**
 * Checks ready per-cell IR values and estimates their resolution noise.
 *
 * @throws BattError `invalid-argument` when the list is empty or a value is not a positive finite number.
 */
export function checkCellIr(readings: CellIrReadings): CellIrResult {
  const ir = finiteArray(readings.cellIrMilliohm, "cellIrMilliohm");
  const step = positiveNumber(readings.resolutionMilliohm ?? 0.1, "resolutionMilliohm");
  if (ir.length === 0) invalid("no cells given");
  ir.forEach((value, i) => {
    if (value <= 0) invalid(`cell ${i + 1} IR ${value} mΩ is not positive`, { cell: i + 1 });
  });
  const pack = ir.reduce((a, b) => a + b, 0);
  return {
    cellIrMilliohm: ir,
    packIrMilliohm: pack,
    meanCellIrMilliohm: pack / ir.length,
    relativeNoise: ir.map((value) => quantisationSd(step) / value),
  };
}
