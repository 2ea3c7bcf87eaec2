import { isBattError } from "@batt/core";
import { describe, expect, it } from "vitest";
import { MemoryStore, PackLibrary, packReference, DEFAULT_NOISE } from "../src/index.js";
import { createPrng, DAY, measure, simPack, T0 } from "./helpers.js";

const OPTIONS = { noise: { irRelative: 0.01, ocvMillivolts: 1 } };

async function filled(count: number): Promise<{ library: PackLibrary; packs: ReturnType<typeof simPack>[] }> {
  const prng = createPrng(21);
  const library = new PackLibrary(new MemoryStore(), OPTIONS);
  const packs = Array.from({ length: count }, () => simPack(prng, 8));
  for (const [i, pack] of packs.entries()) await library.enroll(measure(prng, pack), { name: `Pack ${i + 1}` });
  return { library, packs };
}

describe("PackLibrary", () => {
  it("enrols packs with free ids and names", async () => {
    const { library } = await filled(3);
    const records = await library.list();
    expect(records.map((r) => [r.id, r.name, r.history.length, r.history[0]?.via])).toEqual([
      ["pack-1", "Pack 1", 1, "enroll"],
      ["pack-2", "Pack 2", 1, "enroll"],
      ["pack-3", "Pack 3", 1, "enroll"],
    ]);
  });

  it("adds a matched measurement to the pack's history, so its IR can be followed", async () => {
    const { library, packs } = await filled(10);
    const prng = createPrng(22);
    const before = packReference(await library.get("pack-4"), DEFAULT_NOISE, 100);
    const later = measure(prng, packs[3]!, { scale: 1.25, at: T0 + 120 * DAY });
    const { result, updated } = await library.identify(later);
    expect(result.status).toBe("match");
    expect(result.best?.id).toBe("pack-4");
    expect(updated?.history).toHaveLength(2);
    const stored = await library.get("pack-4");
    expect(stored.history.map((h) => h.via)).toEqual(["enroll", "identify"]);
    expect(stored.history[1]?.confidence).toBe(result.best?.confidence);
    expect(stored.history[1]!.packIrMilliohm / stored.history[0]!.packIrMilliohm).toBeGreaterThan(1.15);
    // The reference now rests on two measurements.
    expect(packReference(stored, DEFAULT_NOISE, 100).irVariance).toBeLessThan(before.irVariance);
    // Other packs are untouched.
    expect((await library.get("pack-5")).history).toHaveLength(1);
  });

  it("does not record when asked not to, or when the pack is unknown", async () => {
    const { library, packs } = await filled(5);
    const prng = createPrng(23);
    const dry = await library.identify(measure(prng, packs[0]!), { update: false });
    expect(dry.result.status).toBe("match");
    expect(dry.updated).toBeUndefined();
    const stranger = await library.identify(measure(prng, simPack(prng, 8)));
    expect(stranger.result.status).toBe("unknown");
    expect(stranger.updated).toBeUndefined();
    for (const record of await library.list()) expect(record.history).toHaveLength(1);
  });

  it("refuses to enrol a pack twice unless forced, and a taken id", async () => {
    const { library, packs } = await filled(5);
    const prng = createPrng(24);
    const again = measure(prng, packs[2]!);
    await expect(library.enroll(again)).rejects.toThrow(/matches pack "pack-3"/);
    const forced = await library.enroll(again, { force: true, id: "spare" });
    expect(forced.id).toBe("spare");
    await expect(library.enroll(measure(prng, simPack(prng, 8)), { id: "spare" })).rejects.toThrow(/already in the library/);
    await expect(library.enroll(measure(prng, simPack(prng, 8)), { id: "" })).rejects.toThrow(/invalid pack id/);
  });

  it("adds measurements by hand, checks the cell count, removes packs", async () => {
    const { library, packs } = await filled(2);
    const prng = createPrng(25);
    const record = await library.addMeasurement("pack-1", measure(prng, packs[0]!, { at: T0 - DAY }));
    // Kept in time order: the older measurement comes first.
    expect(record.history.map((h) => h.via)).toEqual(["manual", "enroll"]);
    await expect(library.addMeasurement("pack-1", measure(prng, simPack(prng, 4)))).rejects.toThrow(/8 cells, the measurement 4/);
    try {
      await library.get("nope");
      throw new Error("expected not-found");
    } catch (error) {
      expect(isBattError(error, "not-found")).toBe(true);
    }
    await library.remove("pack-2");
    expect((await library.list()).map((r) => r.id)).toEqual(["pack-1"]);
    await expect(library.remove("pack-2")).rejects.toThrow(/no pack "pack-2"/);
  });
});
