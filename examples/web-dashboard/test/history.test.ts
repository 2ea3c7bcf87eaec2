import { makeReading, measure, type BatterySummary, type DeviceReading, type Measurement } from "@batt/core";
import { ManualClock } from "@batt/core/testing";
import { describe, expect, it } from "vitest";
import { historyCsv, historyFileName } from "../src/history/history-csv.js";
import { History } from "../src/history/history.js";

// History is plain TypeScript: these run in Node, with readings assembled as drivers assemble them
// (core's makeReading) on a ManualClock starting 2026-01-01T00:00:00Z.

function battery(id: string, name: string, cells: number[], soc: number | null = 50): BatterySummary {
  const voltage = cells.reduce((a, b) => a + b, 0);
  return { id, name, voltage, current: -1.5, power: -1.5 * voltage, soc, cellVoltages: cells, temperatures: [], chargeAllowed: null, dischargeAllowed: null, remainingCapacity: null, fullCapacity: null, alarms: [] };
}

function reading(clock: ManualClock, batteries: BatterySummary[], measurements: Measurement[] = []): DeviceReading<unknown> {
  return makeReading(clock, { device: { driver: "jbd", category: "bms", model: "JBD-SP04S034" }, batteries, measurements, reading: null });
}

const keys = (history: History): string[] => history.series.map((s) => s.key);
const values = (history: History, key: string): number[] => Array.from(history.valueView(keys(history).indexOf(key)));

describe("History", () => {
  it("keeps each numeric measurement and each cell in columns, by key, with name, unit and battery", () => {
    const clock = new ManualClock();
    const history = new History();
    history.push(reading(clock, [battery("battery", "Battery", [3.3, 3.31])], [measure("cycles", "Cycles", "count", 12), measure("balancing", "Balancing", "state", true)]));
    clock.advance(1000);
    history.push(reading(clock, [battery("battery", "Battery", [3.29, 3.3])], [measure("cycles", "Cycles", "count", 13), measure("balancing", "Balancing", "state", false)]));
    expect(history.length).toBe(2);
    expect(keys(history)).toEqual(["voltage", "current", "power", "soc", "cell_1", "cell_2", "cell_min", "cell_max", "cell_delta", "alarm_count", "cycles"]);
    expect(Array.from(history.timeView())).toEqual([Date.UTC(2026, 0, 1) / 1000, Date.UTC(2026, 0, 1, 0, 0, 1) / 1000]);
    expect(values(history, "cell_1")).toEqual([Math.fround(3.3), Math.fround(3.29)]);
    expect(values(history, "cycles")).toEqual([12, 13]);
    expect(history.series.find((s) => s.key === "cell_2")).toEqual({ key: "cell_2", name: "Cell 2", unit: "V", kind: "voltage", decimals: 3, battery: "battery", batteryName: "Battery", cell: 2, precise: false });
    expect(history.series.find((s) => s.key === "cycles")).toMatchObject({ name: "Cycles", precise: true });
    expect(history.series.find((s) => s.key === "cycles")?.unit).toBeUndefined();
    expect(history.series.find((s) => s.key === "cell_min")?.cell).toBeUndefined();
    expect(history.device?.model).toBe("JBD-SP04S034");
  });

  it("names the cells of each battery when a reading has several", () => {
    const clock = new ManualClock();
    const history = new History();
    history.push(reading(clock, [battery("pack1", "Pack 1", [3.3, 3.31]), battery("pack2", "Pack 2", [3.28, 3.27])]));
    const cells = history.series.filter((s) => s.cell !== undefined).map((s) => [s.key, s.name, s.battery, s.cell]);
    expect(cells).toEqual([
      ["pack1_cell_1", "Pack 1 Cell 1", "pack1", 1],
      ["pack1_cell_2", "Pack 1 Cell 2", "pack1", 2],
      ["pack2_cell_1", "Pack 2 Cell 1", "pack2", 1],
      ["pack2_cell_2", "Pack 2 Cell 2", "pack2", 2],
    ]);
  });

  it("records the cells of a battery summary whose reading does not list them as measurements", () => {
    const history = new History();
    const base = reading(new ManualClock(), [battery("battery", "Battery", [3.3, 3.31])]);
    history.push({ ...base, measurements: base.measurements.filter((m) => !m.key.startsWith("cell_")) });
    expect(history.series.filter((s) => s.cell !== undefined).map((s) => [s.key, s.name])).toEqual([
      ["cell_1", "Cell 1"],
      ["cell_2", "Cell 2"],
    ]);
    expect(values(history, "cell_2")).toEqual([Math.fround(3.31)]);
  });

  it("leaves gaps (NaN) for a null value, a missing measurement and the time before a series appeared", () => {
    const clock = new ManualClock();
    const history = new History();
    const one = battery("pack1", "Pack 1", [3.3]);
    history.push(reading(clock, [one], [measure("temp", "Temp", "temperature", 21)]));
    clock.advance(1000);
    history.push(reading(clock, [one], [measure("temp", "Temp", "temperature", null)]));
    clock.advance(1000);
    history.push(reading(clock, [one], []));
    clock.advance(1000);
    // A second pack comes online: its series start here, gaps before.
    history.push(reading(clock, [one, battery("pack2", "Pack 2", [3.25])], [measure("temp", "Temp", "temperature", 23)]));
    expect(values(history, "temp")).toEqual([21, NaN, NaN, 23]);
    expect(values(history, "pack2_cell_1")).toEqual([NaN, NaN, NaN, Math.fround(3.25)]);
    // The first pack's keys change when a second one joins (prefixes): `cell_1` then `pack1_cell_1`.
    expect(values(history, "cell_1")).toEqual([Math.fround(3.3), Math.fround(3.3), Math.fround(3.3), NaN]);
    expect(values(history, "pack1_cell_1")).toEqual([NaN, NaN, NaN, Math.fround(3.3)]);
  });

  it("grows its room as samples arrive, keeping every sample", () => {
    const clock = new ManualClock();
    const history = new History({ initialCapacity: 4, capacity: 1024 });
    for (let i = 0; i < 100; i++) {
      history.push(reading(clock, [], [measure("v", "V", "voltage", i)]));
      clock.advance(1000);
    }
    expect(history.length).toBe(100);
    expect(history.merges).toBe(0);
    expect(values(history, "v")).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(history.bytes).toBe(128 * 8 + 128 * 4);
  });

  it("merges pairs of samples when full (mean of the numbers, first time), so the start of the session stays", () => {
    const clock = new ManualClock();
    const history = new History({ initialCapacity: 2, capacity: 4 });
    const samples = [1, 3, NaN, 5, NaN, NaN, 7];
    for (const v of samples) {
      history.push(reading(clock, [], [measure("v", "V", "voltage", Number.isNaN(v) ? null : v)]));
      clock.advance(1000);
    }
    // [1,3,NaN,5] was full at the 5th push → [2,5]; then NaN, NaN → [2,5,NaN,NaN] full at the 7th → [3.5,NaN], then 7.
    expect(history.merges).toBe(2);
    expect(values(history, "v")).toEqual([3.5, NaN, 7]);
    expect(Array.from(history.timeView(), (t) => t - Date.UTC(2026, 0, 1) / 1000)).toEqual([0, 4, 6]);
  });

  it("keeps times in order when the clock is set back, and ignores a reading whose time does not parse", () => {
    const clock = new ManualClock(10_000);
    const history = new History();
    history.push(reading(clock, [], [measure("v", "V", "voltage", 1)]));
    const back = reading(new ManualClock(5_000), [], [measure("v", "V", "voltage", 2)]);
    history.push(back);
    history.push({ ...back, time: "yesterday" });
    expect(Array.from(history.timeView(), (t) => t - Date.UTC(2026, 0, 1) / 1000)).toEqual([10, 10]);
    expect(values(history, "v")).toEqual([1, 2]);
  });

  it("refuses an odd capacity", () => {
    expect(() => new History({ capacity: 5 })).toThrow(RangeError);
  });

  it("tells its subscribers after each push, until they stop", () => {
    const history = new History();
    let calls = 0;
    const stop = history.subscribe(() => calls++);
    history.push(reading(new ManualClock(), []));
    stop();
    history.push(reading(new ManualClock(), []));
    expect(calls).toBe(1);
  });
});

describe("historyCsv", () => {
  it("writes a header with units, ISO UTC times, the values as the device gave them and empty fields for gaps", () => {
    const clock = new ManualClock();
    const history = new History();
    history.push(reading(clock, [], [measure("voltage", "Pack voltage", "voltage", 13.27), measure("runtime", "Running time", "duration", 86_400_123)]));
    clock.advance(1500);
    history.push(reading(clock, [], [measure("voltage", "Pack voltage", "voltage", null), measure("name, quoted", 'A "b", c', "count", 2)]));
    expect(historyCsv(history)).toBe(
      'time (UTC),Pack voltage (V),Running time (s),"A ""b"", c"\r\n' + "2026-01-01T00:00:00.000Z,13.27,86400123,\r\n" + "2026-01-01T00:00:01.500Z,,,2\r\n",
    );
  });

  it("names a battery's cells in the header, one column each", () => {
    const history = new History();
    history.push(reading(new ManualClock(), [battery("pack1", "Pack 1", [3.301, 3.3]), battery("pack2", "Pack 2", [3.299, 3.302], null)]));
    const [header, row] = historyCsv(history).split("\r\n");
    expect(header).toBe(
      "time (UTC),Pack 1 Voltage (V),Pack 1 Current (A),Pack 1 Power (W),Pack 1 State of charge (%),Pack 1 Cell 1 (V),Pack 1 Cell 2 (V),Pack 1 Lowest cell (V),Pack 1 Highest cell (V),Pack 1 Cell difference (V),Pack 1 Active alarms," +
        "Pack 2 Voltage (V),Pack 2 Current (A),Pack 2 Power (W),Pack 2 Cell 1 (V),Pack 2 Cell 2 (V),Pack 2 Lowest cell (V),Pack 2 Highest cell (V),Pack 2 Cell difference (V),Pack 2 Active alarms",
    );
    expect(row).toBe("2026-01-01T00:00:00.000Z,6.601,-1.5,-9.9015,50,3.301,3.3,3.3,3.301,0.001,0,6.601,-1.5,-9.9015,3.299,3.302,3.299,3.302,0.003,0");
  });

  it("is a header alone for an empty history", () => {
    expect(historyCsv(new History())).toBe("time (UTC)\r\n");
  });
});

describe("historyFileName", () => {
  it("is the device's model (or name) as a slug, and the UTC date", () => {
    const at = new Date(Date.UTC(2026, 11, 6, 23, 30));
    expect(historyFileName({ driver: "jbd", category: "bms", model: "JBD-SP04S034" }, at)).toBe("jbd-sp04s034-history-2026-12-06.csv");
    expect(historyFileName({ driver: "jk", category: "bms", model: "JK-PB bus (packs 1, 2)", name: "Shed bank" }, at)).toBe("shed-bank-history-2026-12-06.csv");
    expect(historyFileName(undefined, at)).toBe("device-history-2026-12-06.csv");
  });
});

describe("History.facts", () => {
  it("tells each series' first number, whether a gap followed it, and its extremes, also after pairs are merged", () => {
    const clock = new ManualClock();
    const history = new History({ initialCapacity: 2, capacity: 8 });
    const rows: [number | null, number | null][] = [
      [null, 5],
      [null, 6],
      [null, 4],
      [2, 7],
      [3, 5],
      [null, 5],
      [1, 6],
    ];
    for (const [a, b] of rows) {
      history.push(reading(clock, [], [measure("a", "A", "voltage", a), measure("b", "B", "voltage", b)]));
      clock.advance(1000);
    }
    expect(history.facts(0)).toEqual({ first: 3, gapsAfterFirst: true, min: 1, max: 3 });
    expect(history.facts(1)).toEqual({ first: 0, gapsAfterFirst: false, min: 4, max: 7 });
    // A series missing from a reading has a gap there too.
    history.push(reading(clock, [], [measure("a", "A", "voltage", 2)]));
    expect(history.facts(1).gapsAfterFirst).toBe(true);
    // Full at 8: the next push merges pairs; the extremes are those of the means.
    history.push(reading(clock, [], [measure("a", "A", "voltage", 2), measure("b", "B", "voltage", 5)]));
    expect(values(history, "b")).toEqual([5.5, 5.5, 5, 6, 5]);
    expect(values(history, "a")).toEqual([NaN, 2, 3, 1.5, 2]);
    expect(history.facts(1)).toMatchObject({ first: 0, min: 5, max: 6 });
    expect(history.facts(0)).toMatchObject({ first: 1, min: 1.5, max: 3 });
    expect(() => history.facts(2)).toThrow(RangeError);
  });
});
