import { BattError } from "@batt/core";

/** Internal resistance from a discharge pulse. */
export interface IrComputation {
  /** Pulse current in A (magnitude). */
  readonly currentA: number;
  /** Open-circuit cell voltages, mV. */
  readonly ocvMv: readonly number[];
  /** Cell voltages under load, mV. */
  readonly loadedMv: readonly number[];
  /** Per-cell IR, mΩ: (OCV − V_load) / I. */
  readonly cellIrMilliohm: readonly number[];
  /** Pack IR, mΩ: the sum of the cells (balance leads are Kelvin connections, so no wire resistance). */
  readonly packIrMilliohm: number;
  /** Mean cell IR, mΩ. */
  readonly meanIrMilliohm: number;
  /** IR ratio per cell: IR / mean IR (a fingerprint independent of wiring). */
  readonly irRatio: readonly number[];
}

const round = (value: number, digits: number): number => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * Computes per-cell and pack IR and IR ratios (docs/protocols/icharger.md#internal-resistance-measurement): IR_cell = (OCV − V_load) / I.
 *
 * @throws BattError `invalid-argument` for mismatched cell lists, no cells, or a current below 10 mA.
 * @example computeIr([3815], [3685], 4.44).cellIrMilliohm // [29.28]
 */
export function computeIr(ocvMv: readonly number[], loadedMv: readonly number[], currentA: number): IrComputation {
  if (ocvMv.length === 0 || ocvMv.length !== loadedMv.length) {
    throw new BattError("invalid-argument", `need the same number of open-circuit and loaded cell voltages (${ocvMv.length} vs ${loadedMv.length})`);
  }
  const current = Math.abs(currentA);
  if (!(current >= 0.01)) throw new BattError("invalid-argument", `a pulse current of ${currentA} A is too small to compute IR`);
  const exact = ocvMv.map((ocv, i) => (ocv - loadedMv[i]!) / current);
  const mean = exact.reduce((a, b) => a + b, 0) / exact.length;
  return {
    currentA: current,
    ocvMv: [...ocvMv],
    loadedMv: [...loadedMv],
    cellIrMilliohm: exact.map((r) => round(r, 2)),
    packIrMilliohm: round(exact.reduce((a, b) => a + b, 0), 2),
    meanIrMilliohm: round(mean, 2),
    irRatio: exact.map((r) => (mean === 0 ? 0 : round(r / mean, 4))),
  };
}
