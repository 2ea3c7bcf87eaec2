import { describe, expect, it } from "vitest";
import {
  batteryMeasurements,
  commonAlarm,
  formatReading,
  formatValue,
  isBattError,
  linkOptionsFrom,
  linkPluginOptions,
  makeReading,
  measure,
  measureRows,
  resolveLinkOptions,
  systemClock,
  type BatterySummary,
  type MeasurementRow,
  type DriverLinkDefaults,
} from "../src/index.js";
import { ManualClock } from "../src/testing/index.js";

const battery: BatterySummary = {
  id: "battery",
  name: "Battery",
  voltage: 13.27,
  current: -2.5,
  power: -33.175,
  soc: 60,
  cellVoltages: [3.318, 3.316, 3.32, 3.317],
  temperatures: [25, 24.5],
  chargeAllowed: true,
  dischargeAllowed: false,
  remainingCapacity: 60,
  fullCapacity: 100,
  alarms: [commonAlarm("cell-undervoltage")],
};

describe("measurements", () => {
  it("measure fills in the kind's unit, and leaves it out for unitless kinds", () => {
    expect(measure("voltage", "Voltage", "voltage", 13.27)).toEqual({ key: "voltage", name: "Voltage", value: 13.27, unit: "V", kind: "voltage" });
    expect(measure("cycles", "Cycles", "count", 12)).toEqual({ key: "cycles", name: "Cycles", value: 12, kind: "count" });
    expect(measure("energy", "Energy", "energy", 5, { stateClass: "total_increasing" }).unit).toBe("Wh");
  });

  it("a battery summary gives stable keys, with a prefix and a battery tag when there are several", () => {
    const keys = batteryMeasurements(battery).map((m) => m.key);
    expect(keys).toEqual([
      "voltage", "current", "power", "soc", "remaining_capacity", "full_capacity",
      "cell_1", "cell_2", "cell_3", "cell_4", "cell_min", "cell_max", "cell_delta",
      "temperature_1", "temperature_2", "charge_allowed", "discharge_allowed", "alarm_count",
    ]);
    const ch1 = batteryMeasurements({ ...battery, id: "ch1", name: "Channel 1" }, "ch1_");
    expect(ch1[0]).toEqual({ key: "ch1_voltage", name: "Channel 1 Voltage", value: 13.27, unit: "V", kind: "voltage", battery: "ch1" });
    expect(ch1.find((m) => m.key === "ch1_cell_delta")?.value).toBe(0.004);
    expect(ch1.find((m) => m.key === "ch1_alarm_count")?.value).toBe(1);
  });

  it("leaves out what the device does not know", () => {
    const keys = batteryMeasurements({ ...battery, soc: null, remainingCapacity: null, fullCapacity: null, cellVoltages: [], temperatures: [], chargeAllowed: null, dischargeAllowed: null }).map((m) => m.key);
    expect(keys).toEqual(["voltage", "current", "power", "alarm_count"]);
  });
});

describe("makeReading", () => {
  it("stamps the time from the clock and puts battery measurements before the device's own", () => {
    const clock = new ManualClock(1500);
    const reading = makeReading(clock, {
      device: { driver: "toy", category: "bms", firmware: "1.2" },
      batteries: [battery],
      measurements: [measure("cycles", "Cycles", "count", 3)],
      reading: { raw: 1 },
    });
    expect(reading.time).toBe("2026-01-01T00:00:01.500Z");
    expect(reading.measurements[0]!.key).toBe("voltage");
    expect(reading.measurements.at(-1)!.key).toBe("cycles");
    expect(reading.reading).toEqual({ raw: 1 });
  });

  it("prefixes battery keys by battery id when there are several", () => {
    const reading = makeReading(new ManualClock(), {
      device: { driver: "toy", category: "charger" },
      batteries: [{ ...battery, id: "ch1", name: "Channel 1" }, { ...battery, id: "ch2", name: "Channel 2" }],
      reading: {},
    });
    expect(reading.measurements.filter((m) => m.key.endsWith("_voltage")).map((m) => m.key)).toEqual(["ch1_voltage", "ch2_voltage"]);
  });

  it("refuses two measurements with one key", () => {
    const clash = (): unknown =>
      makeReading(new ManualClock(), { device: { driver: "toy", category: "bms" }, batteries: [battery], measurements: [measure("voltage", "Again", "voltage", 1)], reading: {} });
    expect(clash).toThrow(/measurement key "voltage" appears twice in a toy reading/);
  });
});

describe("formatReading", () => {
  it("prints every device in one layout: identity, battery block, the other measurements aligned", () => {
    const reading = makeReading(new ManualClock(), {
      device: { driver: "jbd", category: "bms", manufacturer: "JBD", model: "SP04S034", firmware: "8.0" },
      batteries: [battery],
      measurements: [measure("cycles", "Cycles", "count", 3), measure("balancing", "Balancing", "state", false)],
      reading: {},
    });
    expect(formatReading(reading)).toBe(
      [
        "JBD SP04S034 · firmware 8.0",
        "13.27 V  -2.50 A  -33.2 W  SOC 60 %  60.00 / 100.00 Ah",
        "cells 3.318 3.316 3.320 3.317 V  (Δ 4 mV)",
        "temperatures 25.0 24.5 °C",
        "charge allowed · discharge blocked",
        "alarms Cell under-voltage",
        "Cycles     3",
        "Balancing  off",
      ].join("\n"),
    );
  });

  it("formats values by kind, without a minus on zero, and - for unknown", () => {
    expect(formatValue({ value: -0.001, kind: "current" })).toBe("0.00");
    expect(formatValue({ value: 3.3176, kind: "voltage", decimals: 3 })).toBe("3.318");
    expect(formatValue({ value: null, kind: "voltage" })).toBe("-");
    expect(formatValue({ value: true, kind: "state" })).toBe("on");
  });
});

describe("link options", () => {
  const defaults: DriverLinkDefaults = { timeoutMs: 1000, minGapMs: 50, retry: { retries: 1, backoffMs: 10 } };

  it("are the same flags for every device, with the device's defaults in the help", () => {
    expect(linkPluginOptions(defaults).map((o) => [o.name, o.description])).toEqual([
      ["timeout", "reply deadline per attempt, ms (1–600000; default 1000)"],
      ["gap", "least time between requests, ms (0–60000; default 50)"],
      ["retries", "extra attempts after a failed request (0–10; default 1)"],
    ]);
  });

  it("leave absent flags to the driver and keep the rest of the retry policy", () => {
    expect(linkOptionsFrom({}, defaults)).toEqual({});
    expect(linkOptionsFrom({ timeout: "250", gap: "0", retries: "3" }, defaults)).toEqual({ timeoutMs: 250, minGapMs: 0, retry: { retries: 3, backoffMs: 10 } });
  });

  it.each([
    ["timeout", "-1"],
    ["timeout", "0"],
    ["gap", "-5"],
    ["retries", "1.5"],
    ["retries", "11"],
    ["timeout", "banana"],
  ])("refuse --%s %s", (name, value) => {
    try {
      linkOptionsFrom({ [name]: value }, defaults);
      expect.unreachable();
    } catch (error) {
      expect(isBattError(error) && error.code).toBe("invalid-argument");
    }
  });
});

describe("measurement tables", () => {
  const rows: MeasurementRow<{ cycles: number; humidity?: number }>[] = [
    { key: "cycles", name: "Cycles", kind: "count", value: (s) => s.cycles, extras: { stateClass: "total_increasing" } },
    { key: "humidity", name: "Humidity", kind: "percentage", value: (s) => s.humidity },
  ];

  it("read each row from the source in order and leave out what the device did not report", () => {
    expect(measureRows(rows, { cycles: 3 })).toEqual([{ key: "cycles", name: "Cycles", value: 3, kind: "count", stateClass: "total_increasing" }]);
    expect(measureRows(rows, { cycles: 3, humidity: 40 }).map((m) => [m.key, m.value, m.unit])).toEqual([
      ["cycles", 3, undefined],
      ["humidity", 40, "%"],
    ]);
  });

  it("prefix keys and names by the battery they belong to", () => {
    expect(measureRows(rows, { cycles: 1 }, { id: "ch2", name: "Channel 2" })).toEqual([
      { key: "ch2_cycles", name: "Channel 2 Cycles", value: 1, kind: "count", stateClass: "total_increasing", battery: "ch2" },
    ]);
  });
});

describe("resolveLinkOptions", () => {
  const defaults: DriverLinkDefaults = { timeoutMs: 1000, minGapMs: 50, retry: { retries: 1 } };

  it("settles the caller's options over the driver's defaults, the system clock unless given one", () => {
    expect(resolveLinkOptions({}, defaults)).toEqual({ timeoutMs: 1000, minGapMs: 50, retry: { retries: 1 }, clock: systemClock });
    const clock = new ManualClock();
    expect(resolveLinkOptions({ timeoutMs: 200, minGapMs: 0, retry: { retries: 0 }, clock, drain: { quietMs: 5 } }, defaults)).toEqual({
      timeoutMs: 200,
      minGapMs: 0,
      retry: { retries: 0 },
      clock,
      drain: { quietMs: 5 },
    });
  });
});
