import { isBattError } from "@batt/core";
import { describe, expect, it } from "vitest";
import { centeredLogIr, createFingerprint, ocvPattern } from "../src/index.js";
import { SEED_PULSE } from "./helpers.js";

describe("createFingerprint", () => {
  it("builds the seed pack's fingerprint from its pulse", () => {
    const fp = createFingerprint(SEED_PULSE, { chemistry: "LiPo", measuredAt: "2025-03-01T10:00:00Z" });
    expect(fp.cellCount).toBe(4);
    expect(fp.chemistry).toBe("LiPo");
    expect(fp.measuredAt).toBe("2025-03-01T10:00:00.000Z");
    expect(fp.cellIrMilliohm.map((v) => v.toFixed(1))).toEqual(["29.3", "28.6", "29.5", "33.3"]);
    expect(fp.irRatios.map((v) => v.toFixed(3))).toEqual(["0.970", "0.948", "0.978", "1.104"]);
    expect(fp.ocvPatternMillivolts).toEqual([1, 1, 1, -3]);
    expect(fp.quality.source).toBe("pulse");
    expect(fp.quality.currentMilliamps).toBe(4440);
    expect(fp.quality.minDropMillivolts).toBe(127);
    expect(fp.quality.irRelativeNoise).toBeGreaterThan(0.002);
    expect(fp.quality.irRelativeNoise).toBeLessThan(0.004);
  });

  it("takes ready IRs with or without voltages", () => {
    const withVoltages = createFingerprint({ kind: "cell-ir", cellIrMilliohm: [3, 3.3, 2.7], ocvMillivolts: [3300, 3305, 3301] });
    expect(withVoltages.ocvPatternMillivolts?.map((v) => Number(v.toFixed(3)))).toEqual([-2, 3, -1]);
    // 0.1 mΩ steps on 3 mΩ cells: about 1 % resolution noise.
    expect(withVoltages.quality.irRelativeNoise).toBeGreaterThan(0.008);
    const without = createFingerprint({ kind: "cell-ir", cellIrMilliohm: [3, 3.3] });
    expect(without.ocvPatternMillivolts).toBeUndefined();
    expect(without.packIrMilliohm).toBeCloseTo(6.3, 12);
  });

  it("rejects unusable input with invalid-argument", () => {
    const bad: (() => unknown)[] = [
      () => createFingerprint({ kind: "cell-ir", cellIrMilliohm: [3] }),
      () => createFingerprint({ kind: "cell-ir", cellIrMilliohm: [3, 3], ocvMillivolts: [3300] }),
      () => createFingerprint(SEED_PULSE, { measuredAt: "yesterday" }),
      () => createFingerprint(SEED_PULSE, { chemistry: " " }),
      () => createFingerprint({ kind: "other" } as never),
    ];
    for (const fn of bad) {
      expect(fn).toThrow();
      try {
        fn();
      } catch (error) {
        expect(isBattError(error, "invalid-argument")).toBe(true);
      }
    }
  });
});

describe("signatures", () => {
  it("centred ln IR ignores a factor common to all cells (leads, temperature, ageing)", () => {
    const a = centeredLogIr([29.3, 28.6, 29.5, 33.3]);
    const b = centeredLogIr([29.3, 28.6, 29.5, 33.3].map((v) => v * 1.37));
    a.forEach((v, i) => expect(b[i]).toBeCloseTo(v, 12));
    expect(a.reduce((s, v) => s + v, 0)).toBeCloseTo(0, 12);
  });

  it("the OCV pattern is the deviation from the mean cell voltage", () => {
    expect(ocvPattern([3818, 3818, 3818, 3814])).toEqual([1, 1, 1, -3]);
  });
});
