import { isBattError } from "@batt/core";
import { describe, expect, it } from "vitest";
import { addMeasurement, createFingerprint, createPackRecord, matchFingerprint, matchPrepared, packReference, prepareLibrary, DEFAULT_NOISE, type PackRecord } from "../src/index.js";
import { createPrng, DAY, measure, simPack, T0, type SimPack } from "./helpers.js";

// 8 cells at 1 % noise: enough signature for confident matches among 40 packs (see bench/fingerprint-accuracy).
const CELLS = 8;
const NOISE = { irRelative: 0.01, ocvMillivolts: 1 };

function library(seed: number, count: number, cells = CELLS): { packs: SimPack[]; records: PackRecord[] } {
  const prng = createPrng(seed);
  const packs = Array.from({ length: count }, () => simPack(prng, cells));
  const records = packs.map((pack, i) => createPackRecord(`pack-${i + 1}`, measure(prng, pack), { name: `Pack ${i + 1}` }));
  return { packs, records };
}

describe("matchFingerprint", () => {
  const { packs, records } = library(1, 40);
  const prepared = prepareLibrary(records, { noise: NOISE });

  it("identifies the enrolment measurement itself with distance 0", () => {
    const result = matchPrepared(records[6]!.history[0]!, prepared);
    expect(result.status).toBe("match");
    expect(result.best?.id).toBe("pack-7");
    expect(result.best?.name).toBe("Pack 7");
    expect(result.best?.distance).toBe(0);
    expect(result.best?.confidence).toBeGreaterThan(0.999);
  });

  it("identifies every pack from a new noisy measurement", () => {
    const prng = createPrng(2);
    packs.forEach((pack, i) => {
      const result = matchPrepared(measure(prng, pack, { at: T0 + DAY }), prepared);
      expect(result.status, `pack-${i + 1}`).toBe("match");
      expect(result.best?.id).toBe(`pack-${i + 1}`);
      expect(result.candidates[0]?.id).toBe(`pack-${i + 1}`);
    });
  });

  it("follows ageing: IR up 60 % over nine months with a little ratio drift", () => {
    const prng = createPrng(3);
    const drifting = prepareLibrary(records, { noise: { ...NOISE, irRatioDriftPerYear: 0.02 } });
    packs.forEach((pack, i) => {
      const aged: SimPack = { ...pack, cellIr: pack.cellIr.map((ir) => ir * (1 + prng.normal(0, 0.015))) };
      const result = matchPrepared(measure(prng, aged, { scale: 1.6, at: T0 + 270 * DAY }), drifting);
      expect(result.best?.id, `pack-${i + 1}`).toBe(`pack-${i + 1}`);
      expect(result.best?.packIrChange).toBeGreaterThan(0.45);
    });
  });

  it("reports packs that are not in the library as not matched", () => {
    const prng = createPrng(4);
    let unknown = 0;
    for (let i = 0; i < 40; i++) {
      const result = matchPrepared(measure(prng, simPack(prng, CELLS), { at: T0 + 10 * DAY }), prepared);
      expect(result.status).not.toBe("match");
      expect(result.best === undefined || result.status === "ambiguous").toBe(true);
      if (result.status === "unknown") unknown++;
    }
    expect(unknown).toBeGreaterThan(30);
  });

  it("lists candidates most likely first, with confidences summing to at most 1", () => {
    const prng = createPrng(5);
    const result = matchFingerprint(measure(prng, packs[0]!, { noise: 0.03 }), records, { noise: NOISE, maxCandidates: 3 });
    expect(result.candidates).toHaveLength(3);
    for (let i = 1; i < result.candidates.length; i++) {
      expect(result.candidates[i]!.confidence).toBeLessThanOrEqual(result.candidates[i - 1]!.confidence);
    }
    const total = result.candidates.reduce((s, c) => s + c.confidence, 0) + result.unknownConfidence;
    expect(total).toBeLessThanOrEqual(1 + 1e-12);
  });

  it("true matches have chi-square distances: about 5 % of p-values fall below 0.05", () => {
    const pValues: number[] = [];
    for (let round = 0; round < 10; round++) {
      // A fresh library each round, so that the samples are independent.
      const fresh = library(100 + round, 40);
      const freshPrepared = prepareLibrary(fresh.records, { noise: NOISE });
      const prng = createPrng(200 + round);
      fresh.packs.forEach((pack, i) => {
        const result = matchPrepared(measure(prng, pack), freshPrepared);
        const own = result.candidates.find((c) => c.id === `pack-${i + 1}`);
        expect(own?.dof).toBe(2 * (CELLS - 1));
        pValues.push(own?.pValue ?? 0);
      });
    }
    const share = (limit: number): number => pValues.filter((p) => p < limit).length / pValues.length;
    expect(share(0.05)).toBeGreaterThan(0.02);
    expect(share(0.05)).toBeLessThan(0.085);
    expect(share(0.5)).toBeGreaterThan(0.43);
    expect(share(0.5)).toBeLessThan(0.57);
  });

  it("calls two packs with the same signature ambiguous", () => {
    const prng = createPrng(7);
    const twin = simPack(prng, CELLS);
    const twins = [
      ...records,
      createPackRecord("twin-a", measure(prng, twin, { noise: 0.005 })),
      createPackRecord("twin-b", measure(prng, twin, { noise: 0.005 })),
    ];
    const result = matchFingerprint(measure(prng, twin, { noise: 0.005 }), twins, { noise: NOISE });
    expect(result.status).toBe("ambiguous");
    expect(result.candidates.slice(0, 2).map((c) => c.id).sort()).toEqual(["twin-a", "twin-b"]);
    expect(result.best?.confidence).toBeLessThan(0.9);
    expect(result.best?.confidence).toBeGreaterThan(0.1);
  });

  it("gates on cell count, chemistry and pack IR", () => {
    const prng = createPrng(8);
    const pack = simPack(prng, 6);
    const lipo = createPackRecord("lipo", measure(prng, pack, { chemistry: "LiPo" }));
    const other = [...library(9, 5, 5).records, lipo];
    const sameDay = (options: Parameters<typeof measure>[2]): ReturnType<typeof matchFingerprint> =>
      matchFingerprint(measure(prng, pack, options), other, { noise: NOISE });

    const ok = sameDay({ chemistry: "lipo" });
    expect(ok.status).toBe("match");
    expect(ok.excluded).toEqual({ cellCount: 5, chemistry: 0, packIr: 0 });

    const lifepo = sameDay({ chemistry: "LiFePO4" });
    expect(lifepo.status).toBe("unknown");
    expect(lifepo.excluded.chemistry).toBe(1);

    // Three times the IR on the same day is not ageing.
    const tripled = sameDay({ scale: 3 });
    expect(tripled.status).toBe("unknown");
    expect(tripled.excluded.packIr).toBe(1);
    // Two years later it may be.
    expect(sameDay({ scale: 3, at: T0 + 730 * DAY }).best?.id).toBe("lipo");
    // Colder, within the tolerance: still the pack.
    expect(sameDay({ scale: 1.35 }).best?.id).toBe("lipo");
  });

  it("compares OCV patterns only at a similar state of charge", () => {
    const prng = createPrng(10);
    const pack = packs[3]!;
    const storage = matchPrepared(measure(prng, pack, { level: 3850 }), prepared);
    expect(storage.best?.ocvDistance).toBeDefined();
    expect(storage.best?.dof).toBe(14);
    const full = matchPrepared(measure(prng, pack, { level: 4190 }), prepared);
    expect(full.best?.id).toBe("pack-4");
    expect(full.best?.ocvDistance).toBeUndefined();
    expect(full.best?.dof).toBe(7);
    const irOnly = matchFingerprint(measure(prng, pack), records, { noise: NOISE, useOcv: false });
    expect(irOnly.best?.ocvDistance).toBeUndefined();
  });

  it("returns unknown for an empty library", () => {
    const result = matchFingerprint(records[0]!.history[0]!, []);
    expect(result).toMatchObject({ status: "unknown", candidates: [], unknownConfidence: 1 });
  });

  it("rejects out-of-range options", () => {
    for (const options of [{ falseMatchRate: 0 }, { missProbability: 2 }, { noise: { irRelative: -1 } }, { population: { irSpread: 0 } }]) {
      try {
        matchFingerprint(records[0]!.history[0]!, records, options);
        throw new Error("expected an error");
      } catch (error) {
        expect(isBattError(error, "invalid-argument")).toBe(true);
      }
    }
  });
});

describe("packReference", () => {
  it("sharpens with more measurements and widens again with time", () => {
    const prng = createPrng(11);
    const pack = simPack(prng, 4);
    let record = createPackRecord("p", measure(prng, pack));
    const one = packReference(record, DEFAULT_NOISE, 100);
    record = addMeasurement(record, measure(prng, pack, { at: T0 + DAY }), "manual");
    record = addMeasurement(record, measure(prng, pack, { at: T0 + 2 * DAY }), "manual");
    const three = packReference(record, DEFAULT_NOISE, 100);
    expect(three.measurements).toBe(3);
    expect(three.irVariance).toBeLessThan(one.irVariance * 0.4);
    expect(three.ocvVariance).toBeLessThan(one.ocvVariance! * 0.4);
    // A measurement a year later counts more than the old ones: the pack has drifted since.
    const later = createFingerprint({ kind: "cell-ir", cellIrMilliohm: pack.cellIr.map((ir, i) => (i === 0 ? ir * 1.2 : ir)) }, { measuredAt: T0 + 400 * DAY });
    const updated = packReference(addMeasurement(record, later, "manual"), DEFAULT_NOISE, 100);
    const shift = updated.logIr[0]! - three.logIr[0]!;
    expect(shift).toBeGreaterThan(0.5 * Math.log(1.2) * 0.75);
    expect(updated.meanCellIrMilliohm).toBe(later.meanCellIrMilliohm);
  });
});
