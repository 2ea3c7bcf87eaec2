import { describe, expect, it } from "vitest";
import { checkReleaseRelations, type ReleaseRelation } from "../src/index.js";

const RELATIONS: readonly ReleaseRelation[] = [
  { release: "covp_rel", threshold: "covp", side: "below" },
  { release: "cuvp_rel", threshold: "cuvp", side: "above" },
];
const VALUES = { covp: 3.65, covp_rel: 3.5, cuvp: 2.5, cuvp_rel: 2.9 };

describe("checkReleaseRelations", () => {
  it("refuses a release beyond its threshold on either side, naming both values", () => {
    expect(() => checkReleaseRelations(RELATIONS, { ...VALUES, covp_rel: 3.7 }, new Set(["covp_rel"]))).toThrow(/covp_rel \(3\.7\) must be ≤ covp \(3\.65\)/);
    expect(() => checkReleaseRelations(RELATIONS, { ...VALUES, cuvp: 3 }, new Set(["cuvp"]))).toThrow(/cuvp_rel \(2\.9\) must be ≥ cuvp \(3\)/);
  });

  it("lists every violation in the error's context", () => {
    const changes = { covp: 3.4, cuvp: 3 };
    try {
      checkReleaseRelations(RELATIONS, { ...VALUES, ...changes }, new Set(Object.keys(changes)));
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ code: "invalid-argument", context: { violations: ["covp_rel (3.5) must be ≤ covp (3.4)", "cuvp_rel (2.9) must be ≥ cuvp (3)"] } });
    }
  });

  it("accepts equal values, checks only relations touching a change, and skips an unknown partner", () => {
    expect(() => checkReleaseRelations(RELATIONS, { ...VALUES, covp_rel: 3.65 }, new Set(["covp_rel"]))).not.toThrow();
    expect(() => checkReleaseRelations(RELATIONS, { ...VALUES, covp_rel: 3.7 }, new Set(["cuvp"]))).not.toThrow();
    expect(() => checkReleaseRelations(RELATIONS, { covp_rel: 3.7 }, new Set(["covp_rel"]))).not.toThrow();
  });
});
