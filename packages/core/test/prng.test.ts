import { describe, expect, it } from "vitest";
import { createPrng } from "../src/index.js";

describe("createPrng", () => {
  it("is mulberry32: seed 1 starts 0.6270739405881613 and the sequence is fixed", () => {
    const prng = createPrng(1);
    expect(prng.next()).toBe(0.6270739405881613);
    expect([prng.next(), prng.next(), prng.next()].map((x) => x * 2 ** 32)).toEqual([11749833, 2265367787, 4213581821]);
  });

  it("gives the same sequence for the same seed and another for another seed", () => {
    const a = createPrng(42);
    const b = createPrng(42);
    const c = createPrng(43);
    const seqA = Array.from({ length: 50 }, () => a.next());
    expect(Array.from({ length: 50 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 50 }, () => c.next())).not.toEqual(seqA);
  });

  it("uses the seed as an unsigned 32-bit number", () => {
    const a = createPrng(-1);
    const b = createPrng(0xffff_ffff);
    expect([a.next(), a.next()]).toEqual([b.next(), b.next()]);
  });

  it("draws next() in [0, 1)", () => {
    const prng = createPrng(3);
    for (let i = 0; i < 10_000; i++) {
      const x = prng.next();
      expect(x >= 0 && x < 1).toBe(true);
    }
  });

  it("draws int(min, max) inclusive of both ends", () => {
    const prng = createPrng(9);
    const seen = new Map<number, number>();
    for (let i = 0; i < 6000; i++) {
      const n = prng.int(1, 6);
      seen.set(n, (seen.get(n) ?? 0) + 1);
    }
    expect([...seen.keys()].sort()).toEqual([1, 2, 3, 4, 5, 6]);
    for (const count of seen.values()) expect(count).toBeGreaterThan(850);
    expect(createPrng(1).int(5, 5)).toBe(5);
  });

  it("draws normal(mean, sd) with that mean and spread", () => {
    const prng = createPrng(11);
    const xs = Array.from({ length: 20_000 }, () => prng.normal(3.3, 0.05));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length);
    expect(mean).toBeCloseTo(3.3, 2);
    expect(sd).toBeCloseTo(0.05, 2);
    expect(xs.every(Number.isFinite)).toBe(true);
  });
});
