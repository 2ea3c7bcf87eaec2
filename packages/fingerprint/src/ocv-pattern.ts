import { finiteArray, invalid } from "./checks.js";

/**
 * Each cell's open-circuit voltage minus the pack's mean cell voltage, mV: the second signature. It reflects
 * the cells' differences in state of charge and capacity, so it is comparable only between measurements at a
 * similar pack voltage, and a balance charge can flatten it.
 *
 * @throws BattError `invalid-argument` on an empty list or a non-finite value.
 */
export function ocvPattern(ocvMillivolts: readonly number[]): number[] {
  const ocv = finiteArray(ocvMillivolts, "ocvMillivolts");
  if (ocv.length === 0) invalid("no cells given");
  const mean = ocv.reduce((a, b) => a + b, 0) / ocv.length;
  return ocv.map((v) => v - mean);
}
