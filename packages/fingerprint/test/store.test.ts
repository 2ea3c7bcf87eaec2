import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isBattError } from "@batt/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { JsonFileStore } from "../src/node/index.js";
import { createPackRecord, MemoryStore, PackLibrary, parseLibrary, serializeLibrary, type FingerprintStore, type PackRecord } from "../src/index.js";
import { createPrng, measure, simPack } from "./helpers.js";

function records(count: number): PackRecord[] {
  const prng = createPrng(31);
  return Array.from({ length: count }, (_, i) => createPackRecord(`p${i}`, measure(prng, simPack(prng, 4), { chemistry: "LiPo" }), { name: `P ${i}` }));
}

function storeContract(make: () => FingerprintStore): void {
  it("puts, gets, lists, replaces and deletes", async () => {
    const store = make();
    const [a, b] = records(2);
    expect(await store.list()).toEqual([]);
    await store.put(a!);
    await store.put(b!);
    expect(await store.get("p1")).toEqual(b);
    expect(await store.get("zz")).toBeUndefined();
    await store.put({ ...a!, name: "renamed" });
    expect((await store.list()).map((r) => [r.id, r.name])).toEqual([
      ["p0", "renamed"],
      ["p1", "P 1"],
    ]);
    expect(await store.delete("p0")).toBe(true);
    expect(await store.delete("p0")).toBe(false);
    expect((await store.list()).map((r) => r.id)).toEqual(["p1"]);
  });

  it("hands out copies", async () => {
    const store = make();
    const [a] = records(1);
    await store.put(a!);
    const got = (await store.get("p0")) as { name?: string };
    got.name = "changed";
    expect((await store.get("p0"))?.name).toBe("P 0");
  });
}

describe("MemoryStore", () => {
  storeContract(() => new MemoryStore());
  it("starts from given records", async () => {
    expect((await new MemoryStore(records(3)).list()).map((r) => r.id)).toEqual(["p0", "p1", "p2"]);
  });
});

describe("JsonFileStore", () => {
  let dir = "";
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "batt-fingerprint-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  storeContract(() => new JsonFileStore(join(dir, "library.json")));

  it("writes a library document that another instance reads back exactly", async () => {
    const path = join(dir, "nested", "library.json");
    const originals = records(3);
    const store = new JsonFileStore(path);
    for (const record of originals) await store.put(record);
    const text = await readFile(path, "utf8");
    expect(JSON.parse(text)).toMatchObject({ format: "batt-fingerprint-library", version: 1 });
    expect(await new JsonFileStore(path).list()).toEqual(originals);
    // No temporary files are left behind.
    expect(await readdir(join(dir, "nested"))).toEqual(["library.json"]);
  });

  it("keeps every record when puts run concurrently", async () => {
    const store = new JsonFileStore(join(dir, "library.json"));
    await Promise.all(records(12).map((r) => store.put(r)));
    expect((await store.list()).map((r) => r.id).sort()).toEqual(records(12).map((r) => r.id).sort());
  });

  it("serves a PackLibrary", async () => {
    const path = join(dir, "library.json");
    const prng = createPrng(32);
    const pack = simPack(prng, 8);
    await new PackLibrary(new JsonFileStore(path)).enroll(measure(prng, pack), { id: "mine" });
    const { result } = await new PackLibrary(new JsonFileStore(path), { noise: { irRelative: 0.01, ocvMillivolts: 1 } }).identify(measure(prng, pack));
    expect(result.best?.id).toBe("mine");
    expect((await new JsonFileStore(path).get("mine"))?.history).toHaveLength(2);
  });

  it("rejects a file that is not a library with invalid-argument", async () => {
    const path = join(dir, "library.json");
    for (const text of ["{", "[]", '{"format":"other"}', '{"format":"batt-fingerprint-library","version":9,"packs":[]}']) {
      await writeFile(path, text);
      const error = await new JsonFileStore(path).list().catch((e: unknown) => e);
      expect(isBattError(error, "invalid-argument"), text).toBe(true);
    }
  });
});

describe("library document", () => {
  it("round-trips and rejects malformed records", () => {
    const originals = records(2);
    expect(parseLibrary(serializeLibrary(originals))).toEqual(originals);
    const document = JSON.parse(serializeLibrary(originals)) as { packs: Record<string, unknown>[] };
    const broken = (change: (packs: Record<string, unknown>[]) => void): string => {
      const copy = JSON.parse(JSON.stringify(document)) as typeof document;
      change(copy.packs);
      return JSON.stringify(copy);
    };
    const bad = [
      broken((p) => (p[1]!.id = "p0")),
      broken((p) => (p[0]!.cellCount = 1)),
      broken((p) => (p[0]!.history = [])),
      broken((p) => ((p[0]!.history as Record<string, unknown>[])[0]!.cellIrMilliohm = [1, 2, 3])),
      broken((p) => ((p[0]!.history as Record<string, unknown>[])[0]!.measuredAt = "never")),
      broken((p) => ((p[0]!.history as Record<string, unknown>[])[0]!.via = "guess")),
    ];
    for (const text of bad) expect(() => parseLibrary(text)).toThrow(/packs\[|duplicate/);
  });
});
