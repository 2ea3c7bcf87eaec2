import { createMemoryLink } from "@batt/core";
import { describe, expect, it } from "vitest";
import { decodeInfoField, decodeJkFrame, identifierById, JK_IDENTIFIERS, jkBatterySummary, jkReadingOf, JkBms, type JkValues } from "../src/index.js";
import { JkSimulator, ManualClock, type JkSimulatorOptions } from "../src/simulator/index.js";
import { FRAME_14S } from "./reference-frames.js";

/** 4 cells at 50 % with identical states of charge, 1 mΩ each, a 10 A load: every cell at OCV(50 %) − 10 A × 1 mΩ. */
const PACK = { cells: 4, soc: 50, capacity: 10, socSpread: 0, cellResistance: 0.001, current: -10 } as const;

async function readingOf(sim: JkSimulatorOptions) {
  const clock = new ManualClock();
  const { host, device } = createMemoryLink();
  await Promise.all([host.open(), device.open()]);
  new JkSimulator({ ...sim, clock }).attach(device);
  const bms = new JkBms(host, { clock, minGapMs: 0 });
  return { bms, reading: await bms.read() };
}

describe("JkBms.read() in the shared model", () => {
  it("reports a known simulator state: identity, battery summary and measurements in SI units", async () => {
    const { reading } = await readingOf({ pack: PACK });
    // Core's LiFePO4 curve gives 3.31 V at 50 %; the load takes 10 mV off each cell.
    expect(reading.time).toBe("2026-01-01T00:00:00.000Z");
    expect(reading.device).toEqual({ driver: "jk", category: "bms", manufacturer: "JK", serial: "JKSIM001", hardware: "11.XW", firmware: "11.26" });
    expect(reading.batteries).toEqual([
      {
        id: "battery",
        name: "Battery",
        voltage: 13.2,
        current: -10,
        power: -132,
        soc: 50,
        cellVoltages: [3.3, 3.3, 3.3, 3.3],
        temperatures: [25, 25],
        chargeAllowed: true,
        dischargeAllowed: true,
        remainingCapacity: null,
        fullCapacity: 10,
        alarms: [],
      },
    ]);
    const values = Object.fromEntries(reading.measurements.map((m) => [m.key, [m.value, m.unit ?? m.kind]]));
    expect(values).toEqual({
      voltage: [13.2, "V"],
      current: [-10, "A"],
      power: [-132, "W"],
      soc: [50, "%"],
      full_capacity: [10, "Ah"],
      cell_1: [3.3, "V"],
      cell_2: [3.3, "V"],
      cell_3: [3.3, "V"],
      cell_4: [3.3, "V"],
      cell_min: [3.3, "V"],
      cell_max: [3.3, "V"],
      cell_delta: [0, "V"],
      temperature_1: [25, "°C"],
      temperature_2: [25, "°C"],
      charge_allowed: [true, "state"],
      discharge_allowed: [true, "state"],
      alarm_count: [0, "count"],
      mos_temperature: [25, "°C"],
      cycle_count: [0, "count"],
      total_cycle_capacity: [0, "Ah"],
      nominal_capacity: [10, "Ah"],
      cell_count: [4, "count"],
      temperature_sensor_count: [2, "count"],
      balancing: [false, "state"],
      charge_switch: [true, "state"],
      discharge_switch: [true, "state"],
      balance_switch: [true, "state"],
      battery_type: ["lifepo4", "enum"],
      runtime: [0, "s"],
    });
  });

  it("maps warning bits onto the shared alarm ids", async () => {
    // SOC 50 % at or below a 60 % low-capacity alarm (bit 0); a spread of 0 V at or above a 0 V difference protection (bit 7).
    const { reading } = await readingOf({ pack: PACK, settings: { lowCapacityAlarm: 60, cellVoltageDifferenceProtection: 0 } });
    expect(reading.reading.values.warnings).toMatchObject({ raw: 0x0081, active: ["lowCapacity", "cellVoltageDifference"] });
    expect(reading.batteries[0]!.alarms).toEqual([
      { id: "low-capacity", name: "Low capacity", severity: "warning" },
      { id: "cell-imbalance", name: "Cell imbalance", severity: "warning" },
    ]);
    expect(reading.measurements.find((m) => m.key === "alarm_count")?.value).toBe(2);
  });

  it("names JK-only and unnamed warning bits jk-…", () => {
    const values: JkValues = {
      totalVoltage: 13.2,
      current: 0,
      // Bits 8 (battery box over-temperature), 12 (309_A) and the reserved bit 15.
      warnings: { raw: 0x9100, active: ["boxOvertemperature", "protection309A"], unnamed: [15], flags: {} as never },
    };
    expect(jkBatterySummary(values).alarms.map((a) => [a.id, a.severity])).toEqual([
      ["jk-box-overtemperature", "protection"],
      ["jk-309a-protection", "protection"],
      ["jk-warning-bit-15", "warning"],
    ]);
  });

  it("reports JK's ternary battery type as code and name, for a li-ion pack", async () => {
    const { reading } = await readingOf({ pack: { ...PACK, chemistry: "li-ion" } });
    expect(reading.reading.values.batteryType).toEqual({ value: 1, name: "ternary" });
    expect(reading.measurements.find((m) => m.key === "battery_type")).toMatchObject({ value: "ternary", options: ["lifepo4", "ternary", "lto"] });
    // Core's Li-ion curve: 3.74 V at 50 %, less 10 mV.
    expect(reading.batteries[0]!.cellVoltages).toEqual([3.73, 3.73, 3.73, 3.73]);
  });

  it("identifies once from the read-all reply and keeps it", async () => {
    const { bms, reading } = await readingOf({ pack: PACK });
    expect(await bms.identify()).toBe(reading.device);
    expect(bms.counters.requests).toBe(1);
  });
});

describe("every identifier of a read-all frame is in the decoded reading (issue 13)", () => {
  it("the 14S reference frame: 59 identifiers (every readable one of the table), 0x86 and 0x8A included, enumerations with their code", () => {
    const reading = jkReadingOf(decodeInfoField(decodeJkFrame(FRAME_14S).info));
    expect(reading.order).toHaveLength(59);
    expect(reading.order).toEqual(JK_IDENTIFIERS.filter((s) => s.access !== "w").map((s) => s.id));
    const keys = reading.order.map((id) => identifierById(id)!.key);
    expect(Object.keys(reading.values).sort()).toEqual([...keys].sort());
    expect(reading.values).toMatchObject({ temperatureSensorCount: 2, cellCount: 14, protocolVersion: 1, batteryType: { value: 1, name: "ternary" } });
    expect(reading.unknownIdentifiers).toEqual([]);
  });

  it("a read over the link carries them too, with unknown identifiers as hex", async () => {
    const { reading } = await readingOf({ pack: PACK, extraIdentifiers: [{ id: 0xc1, raw: Uint8Array.of(0xab, 0xcd) }] });
    expect(reading.reading.values).toMatchObject({ temperatureSensorCount: 2, cellCount: 4, deviceId: "JKSIM001", manufacturerId: "BATT-SIMULATOR" });
    expect(reading.reading.unknownIdentifiers).toEqual([{ id: 0xc1, raw: "ab cd", inferredLength: true }]);
    expect(reading.reading.order.filter((id) => !identifierById(id))).toEqual([0xc1]);
  });
});
