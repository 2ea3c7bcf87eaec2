import { finiteArray, invalid } from "./checks.js";

function positiveCells(cellIr: readonly number[]): number[] {
  const ir = finiteArray(cellIr, "cellIr");
  if (ir.length === 0) invalid("no cells given");
  ir.forEach((value, i) => {
    if (value <= 0) invalid(`cell ${i + 1} IR ${value} is not positive`, { cell: i + 1 });
  });
  return ir;
}

/**
 * Each cell's IR divided by the pack's mean cell IR (docs/protocols/icharger.md#seed-ir-example: `IR_ratio[i] = IR[i] / mean(IR_all)`).
 * A factor common to all cells (temperature, state of charge, lead and connector resistance seen through
 * Kelvin-sensing balance leads, the pack's overall ageing) cancels out.
 *
 * @throws BattError `invalid-argument` on an empty list or a value that is not positive.
 */
export function irRatios(cellIr: readonly number[]): number[] {
  const ir = positiveCells(cellIr);
  const mean = ir.reduce((a, b) => a + b, 0) / ir.length;
  return ir.map((value) => value / mean);
}

/**
 * ln IR of each cell minus the mean of ln IR: the IR-ratio signature on a log scale, where a relative
 * measurement error is additive and the same size for every cell. This is what matching compares; the
 * vector always sums to zero, so an n-cell pack carries n − 1 independent numbers.
 *
 * @throws BattError `invalid-argument` on an empty list or a value that is not positive.
 */
export function centeredLogIr(cellIr: readonly number[]): number[] {
  const logs = positiveCells(cellIr).map((value) => Math.log(value));
  const mean = logs.reduce((a, b) => a + b, 0) / logs.length;
  return logs.map((value) => value - mean);
}
