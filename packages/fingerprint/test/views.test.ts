import { describe, expect, it } from "vitest";
import {
  addMeasurement,
  createFingerprint,
  createPackRecord,
  enrollJson,
  formatHistoryTable,
  formatIrChart,
  historyJson,
  identifyJson,
  listJson,
  matchFingerprint,
  type PackRecord,
} from "../src/index.js";
import { SEED_PULSE } from "./helpers.js";

// The seed pack (pack IR 536 mV / 4.44 A = 120.72 mΩ), then two later measurements with round cell IRs:
// 134 mΩ (+11.0 %, cell 4 at 38.5 / 33.5 = +14.9 %) after 90 days and 152 mΩ (+25.9 %, 45 / 38 = +18.4 %) after 212.
function agedSeedPack(): PackRecord {
  const later = (month: number, cellIrMilliohm: number[]) => createFingerprint({ kind: "cell-ir", cellIrMilliohm }, { measuredAt: Date.UTC(2025, month, 5) });
  let record = createPackRecord("pack-1", createFingerprint(SEED_PULSE, { chemistry: "LiPo", measuredAt: "2025-01-05" }), { name: "Tattu 1300 #3" });
  record = addMeasurement(record, later(3, [32, 31, 32.5, 38.5]), "identify", 0.99987);
  return addMeasurement(record, later(7, [36, 34, 37, 45]), "identify", 0.999999);
}

describe("formatHistoryTable", () => {
  it("shows one line per measurement with the IR change over time", () => {
    expect(formatHistoryTable(agedSeedPack())).toBe(
      [
        'pack-1 "Tattu 1300 #3" · 4S LiPo · 3 measurements',
        "Date        Pack IR mΩ  Change  Cells mΩ             Max dev  Via",
        "2025-01-05       120.7   +0.0%  29.3 28.6 29.5 33.3   +10.4%  enroll",
        "2025-04-05       134.0  +11.0%  32.0 31.0 32.5 38.5   +14.9%  identify (0.9999)",
        "2025-08-05       152.0  +25.9%  36.0 34.0 37.0 45.0   +18.4%  identify (0.9999+)",
      ].join("\n"),
    );
  });
});

describe("formatIrChart", () => {
  it("plots the pack IR against time, oldest bottom left, newest top right", () => {
    const lines = formatIrChart(agedSeedPack(), { width: 20, height: 6 }).split("\n");
    expect(lines[0]).toBe("Pack IR (mΩ) over time · pack-1");
    const plot = lines.slice(1, 7).map((l) => l.slice(l.indexOf("|") + 1));
    // y from 117.6 to 155.1 (10 % margin); x: day 0, 90 and 212 of 212 over columns 0–19.
    expect(plot.map((row) => row.indexOf("*"))).toEqual([19, -1, -1, 8, -1, 0]);
    expect(lines[1]).toMatch(/^155\.1 \|/);
    expect(lines[6]).toMatch(/^117\.6 \|\*/);
    expect(lines[7]).toBe(`      +${"-".repeat(20)}`);
    expect(lines[8]).toBe("       2025-01-05  2025-08-05");
  });

  it("plots each cell with its number", () => {
    const chart = formatIrChart(agedSeedPack(), { series: "cells", width: 12, height: 12 });
    expect(chart.split("\n")[0]).toBe("Cell IR (mΩ) over time · pack-1");
    // Cell 4 is the highest at every date.
    const rows = chart.split("\n").slice(1, 13);
    expect(rows.findIndex((r) => r.includes("4"))).toBeLessThan(rows.findIndex((r) => /[123]/.test(r.slice(r.indexOf("|")))));
  });

  it("centres a single measurement", () => {
    const lines = formatIrChart(createPackRecord("x", createFingerprint(SEED_PULSE, { measuredAt: "2025-01-05" })), { width: 10, height: 3 }).split("\n");
    expect(lines.slice(1, 4).map((l) => l.slice(l.indexOf("|") + 1))).toEqual(["", "     *", ""]);
    expect(lines[5]).toBe("       2025-01-05");
  });
});

describe("JSON views", () => {
  const record = agedSeedPack();

  it("lists packs with their latest IR and its change", () => {
    expect(listJson([record])).toEqual([
      {
        id: "pack-1",
        name: "Tattu 1300 #3",
        cellCount: 4,
        chemistry: "LiPo",
        measurements: 3,
        firstSeen: "2025-01-05T00:00:00.000Z",
        lastSeen: "2025-08-05T00:00:00.000Z",
        packIrMilliohm: 152,
        irChangePercent: 25.9,
        maxCellDeviationPercent: 18.4,
      },
    ]);
  });

  it("gives history and enrolment as plain, rounded data", () => {
    const history = historyJson(record);
    expect(history.entries).toHaveLength(3);
    expect(history.entries[0]).toMatchObject({
      measuredAt: "2025-01-05T00:00:00.000Z",
      packIrMilliohm: 120.721,
      cellIrMilliohm: [29.279, 28.604, 29.505, 33.333],
      irRatios: [0.9701, 0.9478, 0.9776, 1.1045],
      ocvPatternMillivolts: [1, 1, 1, -3],
      via: "enroll",
    });
    expect(history.entries[2]?.confidence).toBe(0.999999);
    expect(enrollJson(createPackRecord("n", record.history[0]!))).toMatchObject({ action: "enroll", id: "n", cellCount: 4, chemistry: "LiPo" });
    expect(JSON.parse(JSON.stringify(history))).toEqual(history);
  });

  it("reports an identification with its candidates", () => {
    const fingerprint = record.history[2]!;
    const json = identifyJson(matchFingerprint(fingerprint, [record]), fingerprint, false);
    expect(json).toMatchObject({ action: "identify", recorded: false, excluded: { cellCount: 0, chemistry: 0, packIr: 0 } });
    // The latest measurement has no voltages: only the 3 IR-ratio dimensions are compared.
    expect(json.candidates[0]).toMatchObject({ id: "pack-1", name: "Tattu 1300 #3", dof: 3, ocvCompared: false, packIrChangePercent: 0 });
    expect(json.measurement.packIrMilliohm).toBe(152);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });
});
