import { BattError } from "@batt/core";

/** Internal resistance from a discharge pulse, in SI units. */
export interface IrComputation {
  /** Pulse current, A (magnitude). */
  readonly current: number;
  /** Open-circuit cell voltages, V. */
  readonly ocv: readonly number[];
  /** Cell voltages under load, V. */
  readonly loaded: readonly number[];
  /** Per-cell IR, Ω: (OCV − V_load) / I, to 0.01 mΩ. */
  readonly cellIr: readonly number[];
  /** Pack IR, Ω: the sum of the cells (balance leads are Kelvin connections, so no wire resistance). */
  readonly packIr: number;
  /** Mean cell IR, Ω. */
  readonly meanIr: number;
  /** IR ratio per cell: IR / mean IR (a fingerprint independent of wiring). */
  readonly irRatio: readonly number[];
}

const round = (value: number, digits: number): number => Math.round(value * 10 ** digits) / 10 ** digits;

/** Decimal places of an IR in Ω: 0.01 mΩ, below what 1 mV over a few amperes can resolve. */
const OHM_DIGITS = 5;

/**
 * Computes per-cell and pack IR and IR ratios (docs/protocols/icharger.md#internal-resistance-measurement): IR_cell = (OCV − V_load) / I.
 *
 * @throws BattError `invalid-argument` for mismatched cell lists, no cells, or a current below 10 mA.
 * @example computeIr([3.815], [3.685], 4.44).cellIr // [0.02928]
 */
export function computeIr(ocv: readonly number[], loaded: readonly number[], current: number): IrComputation {
  if (ocv.length === 0 || ocv.length !== loaded.length) {
    throw new BattError("invalid-argument", `need the same number of open-circuit and loaded cell voltages (${ocv.length} vs ${loaded.length})`);
  }
  const amps = Math.abs(current);
  if (!(amps >= 0.01)) throw new BattError("invalid-argument", `a pulse current of ${current} A is too small to compute IR`);
  const exact = ocv.map((v, i) => (v - loaded[i]!) / amps);
  const mean = exact.reduce((a, b) => a + b, 0) / exact.length;
  return {
    current: amps,
    ocv: [...ocv],
    loaded: [...loaded],
    cellIr: exact.map((r) => round(r, OHM_DIGITS)),
    packIr: round(exact.reduce((a, b) => a + b, 0), OHM_DIGITS),
    meanIr: round(mean, OHM_DIGITS),
    irRatio: exact.map((r) => (mean === 0 ? 0 : round(r / mean, 4))),
  };
}
