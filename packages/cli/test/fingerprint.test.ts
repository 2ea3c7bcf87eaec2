import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { defaultLibraryPath } from "../src/commands/fingerprint-library.js";
import { parseQuantityList, VOLTAGE_UNITS } from "../src/commands/fingerprint-units.js";
import { runCli } from "./run-cli.js";

const dir = mkdtempSync(join(tmpdir(), "batt-fingerprint-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let libraries = 0;
/** A fresh library path (the file does not exist yet). */
const freshLibrary = (): string => join(dir, `library-${++libraries}.json`);

function writeJson(name: string, value: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(value));
  return path;
}

/** The seed's worked example (docs/protocols/icharger.md#seed-ir-example): 4S, 4440 mA. */
const SEED = ["--ocv", "3.815,3.815,3.815,3.811", "--loaded", "3.685,3.688,3.684,3.663", "--current", "4.44", "--chemistry", "lipo"];

/** A 6S pack at 5 A, as a measurement file in mV and mA. Drops 105, 117, 99, 111, 126, 103 mV. */
const HEX_FILE = {
  ocvMillivolts: [3902, 3897, 3905, 3899, 3894, 3903],
  loadedMillivolts: [3797, 3780, 3806, 3788, 3768, 3800],
  currentMilliamps: 5000,
  chemistry: "LiPo",
  measuredAt: "2025-01-12T10:00:00Z",
};

/** The 6S pack three months later: 20 mV more charge, IR up about 5 %, ±1 mV reading noise. */
const HEX_AGAIN = ["--ocv", "3921,3918,3926,3918,3914,3924mV", "--loaded", "3810,3793,3820,3801,3779,3816mV", "--current", "5.05", "--date", "2025-04-12"];

interface PackJson {
  id: string;
  name?: string;
  history: { via: string; confidence?: number; measuredAt: string }[];
}
const packsIn = (library: string): PackJson[] => (JSON.parse(readFileSync(library, "utf8")) as { packs: PackJson[] }).packs;

/** Enrols the seed pack from numbers and the 6S pack from a file. */
async function enrollBoth(library: string): Promise<void> {
  const seed = await runCli(["fingerprint", "enroll", "--library", library, "--name", "Seed 4S", ...SEED, "--date", "2025-01-10"]);
  expect(seed.code).toBe(0);
  const hex = await runCli(["fingerprint", "enroll", "--library", library, "--name", "Hex 6S", "--file", writeJson("hex.json", HEX_FILE)]);
  expect(hex.code).toBe(0);
}

describe("batt fingerprint enroll", () => {
  it("enrols the seed's pack from numbers and prints its cell IRs and IR ratios as the seed does", async () => {
    const library = freshLibrary();
    const { code, stdout, stderr } = await runCli(["fingerprint", "enroll", "--library", library, "--name", "Seed 4S", ...SEED, "--date", "2025-01-10"]);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split("\n");
    expect(lines[0]).toBe('Enrolled pack-1 "Seed 4S" · 4S LiPo · 2025-01-10');
    expect(lines[1]).toMatch(/^Cell\s+OCV V\s+IR mΩ\s+Ratio\s+Deviation$/);
    // Seed: 29.3 / 28.6 / 29.5 / 33.3 mΩ; ratios 0.970 (-3.0%), 0.948 (-5.2%), 1.104 (+10.4%).
    expect(lines[2]).toMatch(/^\s+1\s+3\.815\s+29\.3\s+0\.970\s+-3\.0%$/);
    expect(lines[3]).toMatch(/^\s+2\s+3\.815\s+28\.6\s+0\.948\s+-5\.2%$/);
    expect(lines[4]).toMatch(/^\s+3\s+3\.815\s+29\.5\s+0\.978\s+-2\.2%$/);
    expect(lines[5]).toMatch(/^\s+4\s+3\.811\s+33\.3\s+1\.104\s+\+10\.4%$/);
    expect(lines[6]).toBe("Pack IR 120.7 mΩ, sum of the cells (load pulse at 4.44 A)");
    expect(stderr).toBe(`saved to ${library}\n`);
    const [pack] = packsIn(library);
    expect(pack).toMatchObject({ id: "pack-1", name: "Seed 4S", cellCount: 4, chemistry: "LiPo" });
    expect(pack!.history).toHaveLength(1);
  });

  it("enrols from a measurement file, in millivolts, and --json prints the enrolment", async () => {
    const library = freshLibrary();
    await runCli(["fingerprint", "enroll", "--library", library, "--name", "Seed 4S", ...SEED]);
    const { code, stdout } = await runCli(["fingerprint", "enroll", "--library", library, "--name", "Hex 6S", "--file", writeJson("hex.json", HEX_FILE), "--json"]);
    expect(code).toBe(0);
    expect(stdout.trim().split("\n")).toHaveLength(1);
    const json = JSON.parse(stdout);
    expect(json).toMatchObject({ action: "enroll", id: "pack-2", name: "Hex 6S", cellCount: 6, chemistry: "LiPo" });
    expect(json.measurement.measuredAt).toBe("2025-01-12T10:00:00.000Z");
    // (OCV − loaded) / 5 A
    expect(json.measurement.cellIrMilliohm).toEqual([21, 23.4, 19.8, 22.2, 25.2, 20.6]);
    expect(json.measurement.ocvPatternMillivolts).toEqual([2, -3, 5, -1, -6, 3]);
    expect(packsIn(library).map((p) => p.id)).toEqual(["pack-1", "pack-2"]);
  });

  it("accepts the file in volts and amperes, and ready cell IRs from --ir", async () => {
    const library = freshLibrary();
    const volts = writeJson("seed-volts.json", { ocvVolts: [3.815, 3.815, 3.815, 3.811], loadedVolts: [3.685, 3.688, 3.684, 3.663], currentAmps: 4.44, chemistry: "lipo" });
    const fromFile = JSON.parse((await runCli(["fingerprint", "enroll", "--library", library, "--name", "A", "--file", volts, "--json"])).stdout);
    expect(fromFile.measurement.cellIrMilliohm.map((v: number) => v.toFixed(1))).toEqual(["29.3", "28.6", "29.5", "33.3"]);
    expect(fromFile.measurement.ocvPatternMillivolts).toEqual([1, 1, 1, -3]);
    const fromIr = await runCli(["fingerprint", "enroll", "--library", library, "--name", "B", "--ir", "31,24.5,27.9,22.4,26mΩ", "--json"]);
    expect(fromIr.code).toBe(0);
    expect(JSON.parse(fromIr.stdout).measurement).toMatchObject({ cellIrMilliohm: [31, 24.5, 27.9, 22.4, 26] });
  });

  it("refuses a measurement of a pack already in the library, unless --force", async () => {
    const library = freshLibrary();
    await enrollBoth(library);
    const again = await runCli(["fingerprint", "enroll", "--library", library, "--name", "Hex again", ...HEX_AGAIN]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/^batt: usage: the measurement matches pack-2 "Hex 6S" \(confidence 0\.\d{4}\+?\): it is probably that pack\. Nothing was saved;.*--force/);
    expect(packsIn(library)).toHaveLength(2);
    const forced = await runCli(["fingerprint", "enroll", "--library", library, "--name", "Hex again", ...HEX_AGAIN, "--force"]);
    expect(forced.code).toBe(0);
    expect(packsIn(library).map((p) => p.name)).toEqual(["Seed 4S", "Hex 6S", "Hex again"]);
  });

  it("measures on a simulated iCharger with --icharger --sim --yes (the seed's pack)", async () => {
    const library = freshLibrary();
    const { code, stdout, stderr } = await runCli(["fingerprint", "enroll", "--library", library, "--name", "On the charger", "--icharger", "--sim", "--yes", "--json"]);
    expect(stderr).toContain("iCharger channel 1: 4S LiPo, discharge pulse at");
    expect(stderr).toContain("iCharger channel 1: stopped");
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json).toMatchObject({ action: "enroll", cellCount: 4, chemistry: "LiPo" });
    // The charger measured the pack the seed describes: the same IR pattern.
    const seedRatios = [0.97, 0.948, 0.978, 1.104];
    json.measurement.irRatios.forEach((r: number, i: number) => expect(Math.abs(r - seedRatios[i]!)).toBeLessThan(0.005));
    expect(json.measurement.ocvPatternMillivolts).toEqual([1, 1, 1, -3]);
  });

  it("fails with unsupported (exit 1) when the iCharger driver has no automatic IR", async () => {
    vi.doMock("@batt/icharger", () => ({ ICharger: class {}, ICHARGER_USB: { vendorId: 0x0483, productId: 0x5751, reportSize: 64 } }));
    try {
      const library = freshLibrary();
      const { code, stdout, stderr } = await runCli(["fingerprint", "enroll", "--library", library, "--name", "x", "--icharger", "--sim", "--yes"]);
      expect(code).toBe(1);
      expect(stdout).toBe("");
      expect(stderr).toBe("batt: unsupported: automatic IR measurement on an iCharger is not available: this version of @batt/icharger has no measureIr\n");
      expect(() => readFileSync(library)).toThrow(/ENOENT/);
    } finally {
      vi.doUnmock("@batt/icharger");
    }
  });
});

describe("batt fingerprint identify", () => {
  it("matches a noisy remeasurement and adds it to the pack's history (not with --dry-run)", async () => {
    const library = freshLibrary();
    await enrollBoth(library);

    const dry = await runCli(["fingerprint", "identify", "--library", library, ...HEX_AGAIN, "--dry-run"]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain("--dry-run: the history of pack-2 was not updated.");
    expect(packsIn(library)[1]!.history).toHaveLength(1);

    const { code, stdout } = await runCli(["fingerprint", "identify", "--library", library, ...HEX_AGAIN]);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split("\n");
    expect(lines[0]).toBe("Measurement: 6S · pack IR 139.0 mΩ · 2025-04-12");
    expect(lines[1]).toMatch(/^#\s+Candidate\s+Confidence\s+p-value\s+IR change\s+Compared$/);
    expect(lines[2]).toMatch(/^1\s+pack-2 "Hex 6S"\s+0\.9\d{3}\+?\s+\d\.\d{3}\s+\+5\.\d%\s+IR\+OCV$/);
    expect(lines[3]).toMatch(/^\s+\(a pack not in the library\)\s+0\.0\d{3}$/);
    expect(lines).toContain("Not compared: 1 with another cell count.");
    expect(stdout).toMatch(/\nMatch: pack-2 "Hex 6S" \(confidence 0\.9\d{3}\+?\)\n/);
    expect(stdout).toContain("Added the measurement to the history of pack-2 (2 measurements).");

    const [seed, hex] = packsIn(library);
    expect(hex!.history.map((h) => h.via)).toEqual(["enroll", "identify"]);
    expect(hex!.history[1]!.confidence).toBeGreaterThan(0.999);
    expect(hex!.history[1]!.measuredAt).toBe("2025-04-12T00:00:00.000Z");
    expect(seed!.history).toHaveLength(1);
  });

  it("--json prints the decision, the candidates and whether it was recorded", async () => {
    const library = freshLibrary();
    await enrollBoth(library);
    const { code, stdout } = await runCli(["fingerprint", "identify", "--library", library, ...HEX_AGAIN, "--json"]);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json).toMatchObject({ action: "identify", status: "match", packId: "pack-2", recorded: true, excluded: { cellCount: 1, chemistry: 0, packIr: 0 } });
    expect(json.candidates.map((c: { id: string }) => c.id)).toEqual(["pack-2"]);
    expect(json.candidates[0].packIrChangePercent).toBeCloseTo(5.2, 0);
    expect(json.confidence + json.unknownConfidence).toBeCloseTo(1, 6);
    expect(json.measurement.cellIrMilliohm).toHaveLength(6);
  });

  it("calls an unrelated pack unknown and records nothing", async () => {
    const library = freshLibrary();
    await enrollBoth(library);
    const { code, stdout } = await runCli(["fingerprint", "identify", "--library", library, "--ir", "22.0,20.5,24.1,19.9,21.7,23.0", "--date", "2025-04-12"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/\(a pack not in the library\)\s+0\.9999\+\n/);
    expect(stdout).toContain("Unknown: no pack in the library fits this measurement (confidence 0.9999+). Nothing was recorded;");
    const json = JSON.parse((await runCli(["fingerprint", "identify", "--library", library, "--ir", "22.0,20.5,24.1,19.9,21.7,23.0", "--json"])).stdout);
    expect(json).toMatchObject({ status: "unknown", recorded: false });
    expect(json.packId).toBeUndefined();
    expect(packsIn(library).map((p) => p.history.length)).toEqual([1, 1]);
  });

  it("reports a 4S remeasurement of the seed's pack as ambiguous: 3 IR ratios cannot reach the default confidence", async () => {
    const library = freshLibrary();
    await enrollBoth(library);
    const args = ["fingerprint", "identify", "--library", library, "--ocv", "3.816,3.815,3.816,3.811", "--loaded", "3.683,3.686,3.682,3.660", "--current", "4.45", "--chemistry", "lipo"];
    const { code, stdout } = await runCli(args);
    expect(code).toBe(0);
    expect(stdout).toMatch(/\nAmbiguous: most likely pack-1 "Seed 4S" \(confidence 0\.\d{4}\), but not certain enough\. Nothing was recorded\.\n/);
    expect(JSON.parse((await runCli([...args, "--json"])).stdout)).toMatchObject({ status: "ambiguous", packId: "pack-1", recorded: false });
    expect(packsIn(library)[0]!.history).toHaveLength(1);
  });

  it("--pack NAME records an ambiguous measurement in the named pack's history, and warns when the candidates disagree", async () => {
    const library = freshLibrary();
    await enrollBoth(library);
    const measurement = ["--ocv", "3.816,3.815,3.816,3.811", "--loaded", "3.683,3.686,3.682,3.660", "--current", "4.45", "--chemistry", "lipo"];
    const asked = await runCli(["fingerprint", "identify", "--library", library, ...measurement, "--pack", "seed 4s"]);
    expect(asked.code).toBe(0);
    expect(asked.stdout).toContain("Added the measurement to the history of pack-1 (2 measurements), as given by --pack.");
    expect(asked.stderr).not.toContain("warning");
    expect(packsIn(library).map((p) => p.history.length)).toEqual([2, 1]);

    // A 6S pack cannot take a 4S measurement: refused, nothing recorded.
    const mismatch = await runCli(["fingerprint", "identify", "--library", library, ...measurement, "--pack", "Hex 6S"]);
    expect(mismatch.code).toBe(2);
    expect(packsIn(library).map((p) => p.history.length)).toEqual([2, 1]);

    const other = await runCli(["fingerprint", "enroll", "--library", library, "--name", "Other 4S", "--ir", "25.0,31.0,27.5,29.0", "--chemistry", "lipo"]);
    expect(other.code).toBe(0);
    const wrong = await runCli(["fingerprint", "identify", "--library", library, ...measurement, "--pack", "Other 4S", "--json"]);
    expect(wrong.code).toBe(0);
    expect(wrong.stderr).toMatch(/warning: the measurement fits pack-1 "Seed 4S" better than pack-3 "Other 4S"/);
    expect(JSON.parse(wrong.stdout)).toMatchObject({ recorded: true });
    expect(packsIn(library).map((p) => p.history.length)).toEqual([2, 1, 2]);

    const unknown = await runCli(["fingerprint", "identify", "--library", library, ...measurement, "--pack", "nope"]);
    expect(unknown.code).toBe(1);
    expect(packsIn(library).map((p) => p.history.length)).toEqual([2, 1, 2]);
  });
});

describe("batt fingerprint list", () => {
  it("prints the packs with cells, chemistry, last IR, measurements and last date", async () => {
    const library = freshLibrary();
    await enrollBoth(library);
    await runCli(["fingerprint", "identify", "--library", library, ...HEX_AGAIN]);
    const { code, stdout } = await runCli(["fingerprint", "list", "--library", library]);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^ID\s+Name\s+Pack\s+Last IR mΩ\s+Change\s+Max dev\s+Measurements\s+Last$/);
    expect(lines[1]).toMatch(/^pack-1\s+Seed 4S\s+4S LiPo\s+120\.7\s+\+0\.0%\s+\+10\.4%\s+1\s+2025-01-10$/);
    expect(lines[2]).toMatch(/^pack-2\s+Hex 6S\s+6S LiPo\s+139\.0\s+\+5\.2%\s+\+15\.4%\s+2\s+2025-04-12$/);
  });

  it("--json prints the list entries; an empty library is not an error", async () => {
    const library = freshLibrary();
    const empty = await runCli(["fingerprint", "list", "--library", library]);
    expect(empty).toMatchObject({ code: 0, stdout: "(no packs)\n" });
    expect(empty.stderr).toContain(`the library ${library} is empty`);
    expect(JSON.parse((await runCli(["fingerprint", "list", "--library", library, "--json"])).stdout)).toEqual([]);
    await enrollBoth(library);
    const json = JSON.parse((await runCli(["fingerprint", "list", "--library", library, "--json"])).stdout);
    expect(json.map((p: { id: string; name: string; cellCount: number; measurements: number }) => [p.id, p.name, p.cellCount, p.measurements])).toEqual([
      ["pack-1", "Seed 4S", 4, 1],
      ["pack-2", "Hex 6S", 6, 1],
    ]);
    expect(json[0].packIrMilliohm).toBeCloseTo(120.721, 3);
  });
});

describe("batt fingerprint history", () => {
  async function withHistory(): Promise<string> {
    const library = freshLibrary();
    await enrollBoth(library);
    await runCli(["fingerprint", "identify", "--library", library, ...HEX_AGAIN]);
    return library;
  }

  it("prints the table and the chart of the pack's IR over time, by name or id", async () => {
    const library = await withHistory();
    const { code, stdout } = await runCli(["fingerprint", "history", "--library", library, "hex 6s"]);
    expect(code).toBe(0);
    const [table, chart] = stdout.trimEnd().split("\n\n");
    const rows = table!.split("\n");
    expect(rows[0]).toBe('pack-2 "Hex 6S" · 6S LiPo · 2 measurements');
    expect(rows[1]).toMatch(/^Date\s+Pack IR mΩ\s+Change\s+Cells mΩ\s+Max dev\s+Via$/);
    expect(rows[2]).toMatch(/^2025-01-12\s+132\.2\s+\+0\.0%\s+21\.0 23\.4 19\.8 22\.2 25\.2 20\.6\s+\+14\.4%\s+enroll$/);
    expect(rows[3]).toMatch(/^2025-04-12\s+139\.0\s+\+5\.2%\s+22\.0 24\.8 21\.0 23\.2 26\.7 21\.4\s+\+15\.4%\s+identify \(0\.9\d{3}\+?\)$/);
    const chartLines = chart!.split("\n");
    expect(chartLines[0]).toBe("Pack IR (mΩ) over time · pack-2");
    expect(chartLines).toHaveLength(13); // title, 10 rows, axis, dates
    // Two points, oldest at the left edge and lower, newest at the right edge and higher.
    const plot = chartLines.slice(1, 11).map((l) => l.slice(l.indexOf("|") + 1));
    const first = plot.findIndex((l) => l.startsWith("*"));
    const last = plot.findIndex((l) => l.length === 48 && l.endsWith("*"));
    expect(first).toBeGreaterThan(last);
    expect(chartLines[12]).toMatch(/^\s+2025-01-12\s+2025-04-12$/);

    const byId = await runCli(["fingerprint", "history", "--library", library, "pack-2"]);
    expect(byId.stdout).toBe(stdout);
  });

  it("--series cells charts each cell with its number; --json prints the entries", async () => {
    const library = await withHistory();
    const cells = await runCli(["fingerprint", "history", "--library", library, "pack-2", "--series", "cells", "--width", "20", "--height", "6"]);
    expect(cells.code).toBe(0);
    const chart = cells.stdout.split("\n\n")[1]!;
    expect(chart).toContain("Cell IR (mΩ) over time · pack-2");
    for (const mark of ["1", "2", "3", "4", "5", "6"]) expect(chart.split("\n").slice(1, 7).join("")).toContain(mark);
    const json = JSON.parse((await runCli(["fingerprint", "history", "--library", library, "Hex 6S", "--json"])).stdout);
    expect(json).toMatchObject({ action: "history", id: "pack-2", name: "Hex 6S", cellCount: 6, chemistry: "LiPo" });
    expect(json.entries.map((e: { via: string }) => e.via)).toEqual(["enroll", "identify"]);
    expect(json.entries[1].confidence).toBeGreaterThan(0.999);
  });

  it("fails with not-found (exit 1) for a pack that is not in the library", async () => {
    const library = await withHistory();
    const { code, stdout, stderr } = await runCli(["fingerprint", "history", "--library", library, "nope"]);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toBe(`batt: not-found: no pack "nope" in ${library} (known: pack-1 "Seed 4S", pack-2 "Hex 6S")\n`);
  });
});

describe("batt fingerprint: usage errors (exit 2, nothing written)", () => {
  const cases: [string, string[], RegExp][] = [
    ["missing --name", ["enroll", ...SEED], /--name NAME is required/],
    ["a word among the numbers", ["enroll", "--name", "x", "--ocv", "3.815,abc,3.8,3.8", "--loaded", "3.6,3.6,3.6,3.6", "--current", "4"], /--ocv: "abc" is not a number/],
    ["millivolts without a unit", ["enroll", "--name", "x", "--ocv", "3815,3815,3815,3811", "--loaded", "3.685,3.688,3.684,3.663", "--current", "4.44"], /--ocv: 3815 is not a plausible cell voltage; values are in V; write 3815mV/],
    ["an unknown unit", ["identify", "--ir", "20,21,22kΩ"], /--ir: unknown unit "kΩ"/],
    ["no measurement", ["identify"], /no measurement given/],
    ["two measurements", ["identify", "--file", "x.json", "--ir", "20,21"], /give one measurement, not --file and --ir/],
    ["a pulse without its current", ["identify", "--ocv", "3.8,3.8", "--loaded", "3.7,3.7"], /missing --current/],
    ["cell counts that differ", ["identify", ...SEED.slice(0, 2), "--loaded", "3.7,3.7", "--current", "4"], /--ocv has 4 cells, --loaded 2/],
    ["an unknown chemistry", ["identify", "--ir", "20,21", "--chemistry", "nicd"], /--chemistry: unknown chemistry "nicd"/],
    ["a bad date", ["identify", "--ir", "20,21", "--date", "yesterday"], /--date: expected a date/],
    ["charger options without --icharger", ["identify", "--ir", "20,21", "--preset", "2"], /--preset is for --icharger/],
    ["--icharger without --yes", ["enroll", "--name", "x", "--icharger", "--sim"], /--icharger discharges the pack .* Nothing was sent; add --yes/],
    ["a bad --series", ["history", "pack-1", "--series", "both"], /--series: expected one of pack, cells/],
  ];
  for (const [what, args, message] of cases) {
    it(what, async () => {
      const library = freshLibrary();
      const { code, stdout, stderr } = await runCli(["fingerprint", ...args, "--library", library]);
      expect(code).toBe(2);
      expect(stdout).toBe("");
      expect(stderr).toMatch(message);
      expect(stderr).toMatch(/^batt: usage: /);
      expect(() => readFileSync(library)).toThrow(/ENOENT/);
    });
  }

  it("a name already in use, and readings the fingerprint cannot use", async () => {
    const library = freshLibrary();
    await enrollBoth(library);
    const taken = await runCli(["fingerprint", "enroll", "--library", library, "--name", "seed 4s", "--ir", "20,21"]);
    expect(taken.code).toBe(2);
    expect(taken.stderr).toContain('pack-1 "Seed 4S" already uses the name "seed 4s"');
    const weak = await runCli(["fingerprint", "enroll", "--library", library, "--name", "weak", ...SEED.slice(0, 4), "--current", "300mA"]);
    expect(weak.code).toBe(2);
    expect(weak.stderr).toMatch(/^batt: invalid-argument: load current 300 mA is below the minimum of 500 mA/);
    expect(packsIn(library)).toHaveLength(2);
  });

  it("measurement files: unknown keys, the wrong unit, not JSON, missing", async () => {
    const run = async (file: string) => runCli(["fingerprint", "identify", "--library", freshLibrary(), "--file", file]);
    const typo = writeJson("typo.json", { ocvVolts: [3.8, 3.8], loadedVolt: [3.7, 3.7], currentAmps: 4 });
    expect((await run(typo)).stderr).toMatch(/typo\.json: unknown key "loadedVolt"/);
    const wrongUnit = writeJson("wrong-unit.json", { ocvVolts: [3815, 3811], loadedVolts: [3.7, 3.7], currentAmps: 4 });
    expect((await run(wrongUnit)).stderr).toMatch(/"ocvVolts" holds 3815, not a cell voltage in V; use "ocvMillivolts"/);
    const both = writeJson("both.json", { cellIrMilliohm: [20, 21], loadedVolts: [3.7, 3.7], currentAmps: 4, ocvVolts: [3.8, 3.8] });
    expect((await run(both)).stderr).toMatch(/give a load pulse .* or "cellIrMilliohm", not both/);
    const notJson = join(dir, "not.json");
    writeFileSync(notJson, "{ocv: 1");
    expect((await run(notJson)).stderr).toMatch(/not\.json: not valid JSON/);
    const missing = await run(join(dir, "missing.json"));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--file: cannot read .*missing\.json/);
  });

  it("a library file that is not a library is named in the error", async () => {
    const library = join(dir, "not-a-library.json");
    writeFileSync(library, JSON.stringify({ hello: "world" }));
    const { code, stderr } = await runCli(["fingerprint", "list", "--library", library]);
    expect(code).toBe(2);
    expect(stderr.startsWith(`batt: invalid-argument: ${library}: `)).toBe(true);
  });
});

describe("batt fingerprint --help", () => {
  it("lists the four commands", async () => {
    const { code, stdout } = await runCli(["fingerprint", "--help"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: batt fingerprint <command> …/);
    for (const line of [/^ {2}enroll\s+add a pack/m, /^ {2}identify\s+tell which/m, /^ {2}list\s+list the packs/m, /^ {2}history <pack>\s+show a pack's IR/m]) expect(stdout).toMatch(line);
    expect((await runCli(["--help"])).stdout).toMatch(/^ {2}fingerprint …\s+identify battery packs/m);
  });

  it("documents each command's options, the file format and the default library", async () => {
    const enroll = (await runCli(["fingerprint", "enroll", "--help"])).stdout;
    expect(enroll).toMatch(/^Usage: batt fingerprint enroll \[options\]/);
    const flat = enroll.replace(/\s+/g, " "); // help is wrapped to the width
    expect(flat).toContain('A measurement file (--file) is a JSON object. A load pulse: "ocvVolts" (or "ocvMillivolts")');
    expect(flat).toContain(`(default: ${defaultLibraryPath()})`);
    for (const option of ["--name <name>", "--force", "--ocv <V,V,…>", "--current <A>", "--ir <mΩ,mΩ,…>", "--icharger", "--yes", "--preset <n>"]) expect(enroll).toContain(option);
    expect((await runCli(["fingerprint", "identify", "--help"])).stdout).toContain("--dry-run");
    expect((await runCli(["fingerprint", "list", "-h"])).stdout).toMatch(/^Usage: batt fingerprint list \[options\]/);
    expect((await runCli(["fingerprint", "history", "--help"])).stdout).toMatch(/^Usage: batt fingerprint history <pack> \[options\]/);
  });
});

describe("fingerprint helpers", () => {
  it("finds the library in the user's data directory", () => {
    expect(defaultLibraryPath({ XDG_DATA_HOME: "/data" }, "linux", "/home/ann")).toBe("/data/batt/fingerprints.json");
    expect(defaultLibraryPath({}, "linux", "/home/ann")).toBe("/home/ann/.local/share/batt/fingerprints.json");
    expect(defaultLibraryPath({ XDG_DATA_HOME: "relative/dir" }, "linux", "/home/ann")).toBe("/home/ann/.local/share/batt/fingerprints.json");
    expect(defaultLibraryPath({}, "darwin", "/Users/ann")).toBe("/Users/ann/Library/Application Support/batt/fingerprints.json");
    expect(defaultLibraryPath({ APPDATA: "C:\\Users\\ann\\AppData\\Roaming" }, "win32", "C:\\Users\\ann")).toBe("C:\\Users\\ann\\AppData\\Roaming\\batt\\fingerprints.json");
    expect(defaultLibraryPath({}, "win32", "C:\\Users\\ann")).toBe("C:\\Users\\ann\\AppData\\Roaming\\batt\\fingerprints.json");
  });

  it("reads voltages in V or mV, per value or for the whole list", () => {
    expect(parseQuantityList("3.815,3.811", "--ocv", VOLTAGE_UNITS)).toEqual([3815, 3811]);
    expect(parseQuantityList("3815,3811mV", "--ocv", VOLTAGE_UNITS)).toEqual([3815, 3811]);
    expect(parseQuantityList("3815mV, 3.811V", "--ocv", VOLTAGE_UNITS)).toEqual([3815, 3811]);
    expect(() => parseQuantityList("3815mV,3811", "--ocv", VOLTAGE_UNITS)).toThrow(/3811 is not a plausible cell voltage/);
    expect(() => parseQuantityList("3.8,,3.8", "--ocv", VOLTAGE_UNITS)).toThrow(/expected comma-separated numbers/);
  });
});
