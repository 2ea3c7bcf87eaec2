import { describe, expect, it } from "vitest";
import { addMeasurement, createPackRecord, estimateNoise, type PackRecord } from "../src/index.js";
import { createPrng, DAY, measure, simPack, T0 } from "./helpers.js";

describe("estimateNoise", () => {
  it("recovers the IR and OCV repeatability from packs measured three times", () => {
    const prng = createPrng(41);
    const records: PackRecord[] = Array.from({ length: 30 }, (_, i) => {
      const pack = simPack(prng, 6);
      let record = createPackRecord(`p${i}`, measure(prng, pack, { noise: 0.025, ocvNoise: 1.5 }));
      for (let s = 1; s < 3; s++) record = addMeasurement(record, measure(prng, pack, { noise: 0.025, ocvNoise: 1.5, at: T0 + s * 7 * DAY }), "manual");
      return record;
    });
    const estimate = estimateNoise(records);
    expect(estimate.irPairs).toBe(60);
    expect(estimate.ocvPairs).toBe(60);
    expect(estimate.irDegreesOfFreedom).toBe(300);
    expect(estimate.irRelative).toBeGreaterThan(0.025 * 0.9);
    expect(estimate.irRelative).toBeLessThan(0.025 * 1.1);
    // Rounding to whole mV is subtracted as resolution noise.
    expect(estimate.ocvMillivolts).toBeGreaterThan(1.5 * 0.88);
    expect(estimate.ocvMillivolts).toBeLessThan(1.5 * 1.12);
  });

  it("pairs only measurements close in time and at a similar state of charge", () => {
    const prng = createPrng(42);
    const pack = simPack(prng, 4);
    let record = createPackRecord("p", measure(prng, pack));
    record = addMeasurement(record, measure(prng, pack, { at: T0 + 200 * DAY }), "manual");
    expect(estimateNoise([record])).toEqual({ irPairs: 0, ocvPairs: 0, irDegreesOfFreedom: 0 });
    record = addMeasurement(record, measure(prng, pack, { at: T0 + 201 * DAY, level: 4150 }), "manual");
    const estimate = estimateNoise([record]);
    expect(estimate.irPairs).toBe(1);
    expect(estimate.ocvPairs).toBe(0);
    expect(estimate.ocvMillivolts).toBeUndefined();
  });
});
