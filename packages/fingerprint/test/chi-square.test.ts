import { describe, expect, it } from "vitest";
import { chiSquareQuantile, chiSquareSurvival } from "../src/index.js";

describe("chi-square", () => {
  it("matches table quantiles", () => {
    // Standard table values (Abramowitz & Stegun, table 26.8).
    expect(chiSquareQuantile(0.05, 1)).toBeCloseTo(3.841, 3);
    expect(chiSquareQuantile(0.001, 3)).toBeCloseTo(16.266, 3);
    expect(chiSquareQuantile(0.05, 10)).toBeCloseTo(18.307, 3);
    expect(chiSquareQuantile(0.001, 22)).toBeCloseTo(48.268, 3);
    expect(chiSquareQuantile(0.99, 5)).toBeCloseTo(0.554, 3);
  });

  it("has the closed form exp(-x/2) for 2 degrees of freedom", () => {
    for (const x of [0, 0.3, 1, 4, 10, 40]) expect(chiSquareSurvival(x, 2)).toBeCloseTo(Math.exp(-x / 2), 12);
  });

  it("is a survival function: 1 at 0, decreasing, 0 far out", () => {
    expect(chiSquareSurvival(0, 7)).toBe(1);
    let last = 1;
    for (let x = 0.5; x < 60; x += 0.5) {
      const p = chiSquareSurvival(x, 7);
      expect(p).toBeLessThanOrEqual(last);
      last = p;
    }
    expect(chiSquareSurvival(200, 7)).toBeLessThan(1e-30);
  });
});
