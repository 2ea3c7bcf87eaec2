import { describe, expect, it } from "vitest";
import { fromHex, toHex } from "../src/index.js";
import { BatteryModel, CHEMISTRIES, ocvAt, shapeReply, socAt, type ReplyPiece } from "../src/simulator/index.js";

const show = (pieces: readonly ReplyPiece[]): string[] => pieces.map((p) => `${p.delayMs}: ${toHex(p.bytes)}`);
// Shaped like a JBD reply (two checksum bytes before the 77 end byte), so each fault can be seen where it acts.
const frame = fromHex("dd 03 00 02 05 32 ff c6 77");

describe("shared reply faults", () => {
  it("corrupt the checksum where the protocol keeps it", () => {
    expect(show(shapeReply(frame, [{ kind: "corrupt-checksum" }], { checksumAt: 2 }))).toEqual(["0: dd 03 00 02 05 32 ff 39 77"]);
    expect(show(shapeReply(frame, [{ kind: "corrupt-checksum" }], { checksumAt: 1 }))).toEqual(["0: dd 03 00 02 05 32 ff c6 88"]);
  });

  it("act in a fixed order: corrupt, truncate, split, garbage before, delay", () => {
    const pieces = shapeReply(
      frame,
      [{ kind: "delay", ms: 30 }, { kind: "split", size: 2, gapMs: 5 }, { kind: "garbage-before", bytes: fromHex("00 ff") }, { kind: "truncate", length: 5 }, { kind: "corrupt-checksum" }],
      { checksumAt: 2 },
    );
    expect(show(pieces)).toEqual(["30: 00 ff", "0: dd 03", "5: 00 02", "5: 05"]);
  });

  it("silence sends nothing", () => {
    expect(shapeReply(frame, [{ kind: "silence" }, { kind: "delay", ms: 5 }], { checksumAt: 2 })).toEqual([]);
  });
});

describe("the battery model", () => {
  it("reads the chemistry's curve both ways", () => {
    const lfp = CHEMISTRIES.lifepo4;
    expect(ocvAt(lfp, 50)).toBeCloseTo(3.31, 6);
    expect(ocvAt(lfp, 55)).toBeCloseTo(3.315, 6);
    expect(socAt(lfp, 3.315)).toBeCloseTo(55, 6);
    expect(ocvAt(lfp, 150)).toBe(3.6);
    expect(socAt(CHEMISTRIES["li-ion"], 2.5)).toBe(0);
  });

  it("spreads the cells around the SOC in a fixed pattern and adds I·R to the terminal voltage", () => {
    const pack = new BatteryModel({ cells: 4, soc: 60, socSpread: 4, cellResistance: 0.002 });
    expect(pack.cells.map((c) => c.soc)).toEqual([60.4, 58, 62, 59.4]);
    expect(pack.soc).toBeCloseTo(59.95, 9);
    expect(pack.cellVoltage(0, 10) - pack.ocv(0)).toBeCloseTo(0.02, 9);
    expect(pack.voltage(0)).toBeCloseTo(pack.cells.reduce((s, _, i) => s + pack.ocv(i), 0), 9);
  });

  it("integrates the current into every cell's SOC, in percent of capacity", () => {
    const pack = new BatteryModel({ cells: 2, soc: 50, socSpread: 0, capacity: 100 });
    pack.advance(3_600_000, 10);
    expect(pack.cells.map((c) => c.soc)).toEqual([60, 60]);
    pack.advance(3_600_000, -10, [true, false], 1);
    expect(pack.cells[0]!.soc).toBeCloseTo(49, 9);
    expect(pack.cells[1]!.soc).toBeCloseTo(50, 9);
    expect(pack.remaining).toBeCloseTo(49.5, 9);
  });

  it("heats by I²R towards a settled temperature and cools back to ambient, stable over long steps", () => {
    const pack = new BatteryModel({ cells: 4, capacity: 100, cellResistance: 0.01, ambient: 20 });
    // 50 A through 4 × 10 mΩ is 100 W; at 0.5 W/K the pack settles 200 K above ambient.
    pack.advance(10 * 3_600_000, 50);
    expect(pack.temperature).toBeCloseTo(220, 3);
    pack.advance(10 * 3_600_000, 0);
    expect(pack.temperature).toBeCloseTo(20, 3);
    expect(new BatteryModel({ sensorOffsets: [0, -1.5] }).sensorTemperatures).toEqual([25, 23.5]);
  });

  it("refuses impossible packs", () => {
    expect(() => new BatteryModel({ cells: 0 })).toThrow(/cell count/);
    expect(() => new BatteryModel({ soc: 101 })).toThrow(/soc must be 0..100/);
    expect(() => new BatteryModel({ chemistry: "unobtainium" as never })).toThrow(/unknown chemistry/);
  });
});
