import { finiteArray, finiteNumber, invalid } from "./checks.js";
import type { CellIrReadings, PulseReadings } from "./inputs.js";

/** Two BMS samples (JBD, JK: cell voltages in V, pack current in A) taken at rest and under load. */
export interface BmsPulseSamples {
  /** Cell voltages at rest, V. */
  readonly restCellVolts: readonly number[];
  /** Cell voltages under load, V. */
  readonly loadedCellVolts: readonly number[];
  /** Pack current during the loaded sample, A, BMS convention: positive while charging, negative while discharging. */
  readonly currentAmps: number;
  /** Current at rest, A (default 0); subtracted, because a BMS idles with a small standing current. */
  readonly restCurrentAmps?: number;
  /** Resolution of the cell voltages, mV (default 1). */
  readonly voltageResolutionMillivolts?: number;
  /** Resolution of the current, mA (default 10, the JBD unit). */
  readonly currentResolutionMilliamps?: number;
}

/**
 * Turns two BMS samples into {@link PulseReadings}: volts to millivolts, and the BMS sign convention
 * (+ = charging) to the pulse convention (+ = discharging).
 *
 * @throws BattError `invalid-argument` on non-finite values.
 */
export function pulseFromBms(samples: BmsPulseSamples): PulseReadings {
  const rest = finiteArray(samples.restCellVolts, "restCellVolts");
  const loaded = finiteArray(samples.loadedCellVolts, "loadedCellVolts");
  const current = finiteNumber(samples.currentAmps, "currentAmps") - finiteNumber(samples.restCurrentAmps ?? 0, "restCurrentAmps");
  return {
    kind: "pulse",
    ocvMillivolts: rest.map((v) => v * 1000),
    loadedMillivolts: loaded.map((v) => v * 1000),
    currentMilliamps: -current * 1000,
    voltageResolutionMillivolts: samples.voltageResolutionMillivolts ?? 1,
    currentResolutionMilliamps: samples.currentResolutionMilliamps ?? 10,
  };
}

/**
 * Turns the iCharger's cell IR registers (channel registers 35–50, 0.1 mΩ each) into {@link CellIrReadings}.
 * Only the first `cellCount` values are used: slots past the pack's cells hold stale values.
 *
 * @param tenthsMilliohm Raw register values, 0.1 mΩ.
 * @param cellCount Cells in the pack.
 * @param ocvMillivolts Cell voltages (registers 11–26) read at rest, optional.
 * @throws BattError `invalid-argument` when fewer registers than cells are given or values are not finite.
 */
export function cellIrFromICharger(tenthsMilliohm: readonly number[], cellCount: number, ocvMillivolts?: readonly number[]): CellIrReadings {
  if (!Number.isInteger(cellCount) || cellCount < 1) invalid("cellCount must be a positive integer", { cellCount });
  const raw = finiteArray(tenthsMilliohm, "tenthsMilliohm");
  if (raw.length < cellCount) invalid(`${cellCount} cells need ${cellCount} IR registers, got ${raw.length}`);
  const ocv = ocvMillivolts === undefined ? undefined : finiteArray(ocvMillivolts, "ocvMillivolts").slice(0, cellCount);
  return {
    kind: "cell-ir",
    cellIrMilliohm: raw.slice(0, cellCount).map((t) => t / 10),
    ...(ocv === undefined ? {} : { ocvMillivolts: ocv }),
    resolutionMilliohm: 0.1,
  };
}
