import { isBattError } from "@batt/core";
import { describe, expect, it } from "vitest";
import { cellIrFromICharger, checkCellIr, computeCellIr, formatPercent, irRatios, pulseFromBms } from "../src/index.js";
import { SEED_PULSE } from "./helpers.js";

describe("computeCellIr: the seed's worked example (docs/protocols/icharger.md#seed-ir-example)", () => {
  const result = computeCellIr(SEED_PULSE);

  it("gives the drops and cell IRs the seed prints", () => {
    expect(result.dropMillivolts).toEqual([130, 127, 131, 148]);
    expect(result.cellIrMilliohm.map((v) => v.toFixed(1))).toEqual(["29.3", "28.6", "29.5", "33.3"]);
  });

  it("gives the IR ratios and deviations the seed prints for cells 1, 2 and 4", () => {
    const ratios = irRatios(result.cellIrMilliohm);
    const printed = [0, 1, 3].map((i) => [ratios[i]!.toFixed(3), formatPercent(ratios[i]! - 1)]);
    expect(printed).toEqual([
      ["0.970", "-3.0%"],
      ["0.948", "-5.2%"],
      ["1.104", "+10.4%"],
    ]);
    // Cell 3 is missing from the seed's printout; from the same formula it is 131 / 134 mV.
    expect(ratios[2]!.toFixed(3)).toBe("0.978");
  });

  it("gives the pack IR as the sum of the cells (leads excluded)", () => {
    expect(result.packIrMilliohm).toBeCloseTo((536 / 4440) * 1000, 9);
    expect(result.meanCellIrMilliohm.toFixed(2)).toBe("30.18");
  });

  it("estimates the resolution noise: 1 mV steps on a 127–148 mV drop are about 0.3 %", () => {
    for (const noise of result.relativeNoise) {
      expect(noise).toBeGreaterThan(0.0025);
      expect(noise).toBeLessThan(0.0035);
    }
    // The cell with the largest drop is the most precise.
    expect(result.relativeNoise[3]).toBeLessThan(result.relativeNoise[1]!);
  });
});

describe("computeCellIr: validity checks", () => {
  const expectInvalid = (fn: () => unknown, message: RegExp): void => {
    try {
      fn();
    } catch (error) {
      expect(isBattError(error, "invalid-argument")).toBe(true);
      expect((error as Error).message).toMatch(message);
      return;
    }
    throw new Error("expected an invalid-argument error");
  };

  it("rejects a current below the minimum", () => {
    expectInvalid(() => computeCellIr({ ...SEED_PULSE, currentMilliamps: 300 }), /below the minimum of 500 mA/);
    expectInvalid(() => computeCellIr(SEED_PULSE, { minCurrentMilliamps: 5000 }), /below the minimum of 5000 mA/);
  });

  it("rejects a drop below the minimum, naming the cell", () => {
    expectInvalid(() => computeCellIr({ ...SEED_PULSE, loadedMillivolts: [3685, 3800, 3684, 3663] }), /cell 2 .* 15 mV/);
    expectInvalid(() => computeCellIr(SEED_PULSE, { minDropMillivolts: 140 }), /cell 1/);
  });

  it("rejects a cell whose voltage rose under a discharge", () => {
    expectInvalid(() => computeCellIr({ ...SEED_PULSE, loadedMillivolts: [3685, 3688, 3684, 3830] }), /cell 4/);
  });

  it("accepts a charging pulse (negative current, voltages rising)", () => {
    const result = computeCellIr({ kind: "pulse", ocvMillivolts: [3800, 3800], loadedMillivolts: [3900, 3910], currentMilliamps: -4000 });
    expect(result.cellIrMilliohm).toEqual([25, 27.5]);
  });

  it("rejects mismatched, empty, non-finite and unconnected inputs", () => {
    expectInvalid(() => computeCellIr({ ...SEED_PULSE, loadedMillivolts: [3685, 3688] }), /4 rest voltages but 2/);
    expectInvalid(() => computeCellIr({ kind: "pulse", ocvMillivolts: [], loadedMillivolts: [], currentMilliamps: 4000 }), /no cells/);
    expectInvalid(() => computeCellIr({ ...SEED_PULSE, currentMilliamps: Number.NaN }), /currentMilliamps/);
    expectInvalid(() => computeCellIr({ ...SEED_PULSE, ocvMillivolts: [3815, 3815, Number.POSITIVE_INFINITY, 3811] }), /ocvMillivolts\[2\]/);
    expectInvalid(() => computeCellIr({ ...SEED_PULSE, ocvMillivolts: [3815, 0, 3815, 3811] }), /cell 2 rest voltage/);
    expectInvalid(() => computeCellIr({ ...SEED_PULSE, voltageResolutionMillivolts: 0 }), /voltageResolutionMillivolts/);
  });

  it("checks ready IR values", () => {
    expect(checkCellIr({ kind: "cell-ir", cellIrMilliohm: [2, 3] }).packIrMilliohm).toBe(5);
    expectInvalid(() => checkCellIr({ kind: "cell-ir", cellIrMilliohm: [2, -1] }), /cell 2 IR/);
    expectInvalid(() => checkCellIr({ kind: "cell-ir", cellIrMilliohm: [] }), /no cells/);
  });
});

describe("input adapters", () => {
  it("turns BMS samples (V, A, + = charging) into a discharge pulse", () => {
    const pulse = pulseFromBms({ restCellVolts: [3.815, 3.811], loadedCellVolts: [3.685, 3.663], currentAmps: -4.44, restCurrentAmps: 0 });
    expect(pulse.currentMilliamps).toBeCloseTo(4440, 9);
    const ir = computeCellIr(pulse).cellIrMilliohm;
    expect(ir[0]!.toFixed(1)).toBe("29.3");
    expect(ir[1]!.toFixed(1)).toBe("33.3");
  });

  it("subtracts the BMS's standing current", () => {
    const pulse = pulseFromBms({ restCellVolts: [3.8, 3.8], loadedCellVolts: [3.7, 3.7], currentAmps: -4.06, restCurrentAmps: -0.06 });
    expect(pulse.currentMilliamps).toBeCloseTo(4000, 9);
  });

  it("takes the iCharger's 0.1 mΩ IR registers for the pack's cells only", () => {
    const readings = cellIrFromICharger([293, 286, 295, 333, 9999, 9999, 0, 0], 4, [3815, 3815, 3815, 3811, 0, 0, 0, 0]);
    expect(readings.cellIrMilliohm).toEqual([29.3, 28.6, 29.5, 33.3]);
    expect(readings.ocvMillivolts).toEqual([3815, 3815, 3815, 3811]);
    expect(() => cellIrFromICharger([293], 4)).toThrow(/4 cells need 4 IR registers/);
  });
});
