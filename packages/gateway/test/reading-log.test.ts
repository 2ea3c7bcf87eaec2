import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { makeReading, measure } from "@batt/core";
import { ManualClock } from "@batt/core/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ReadingLog } from "../src/output/reading-log.js";

const device = { driver: "jbd", category: "bms" as const };

describe("ReadingLog", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "batt-log-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("writes one JSONL and one CSV row per reading and rotates at midnight UTC", () => {
    // 23:59:59 on 2026-01-01, then two seconds later: the second reading goes into the next day's files.
    const clock = new ManualClock(86_399_000);
    const log = new ReadingLog(dir);
    const reading = (voltage: number, mode: string | null) =>
      makeReading(clock, { device, batteries: [], measurements: [measure("voltage", "Voltage", "voltage", voltage), measure("on", "On", "state", true), measure("mode", "Mode", "text", mode)], reading: {} });
    log.write("house", reading(13.27, "a, \"b\""));
    clock.advance(2000);
    log.write("house", reading(13.25, null));
    expect(readdirSync(dir).sort()).toEqual(["house-2026-01-01.csv", "house-2026-01-01.jsonl", "house-2026-01-02.csv", "house-2026-01-02.jsonl"]);
    expect(readFileSync(join(dir, "house-2026-01-01.csv"), "utf8")).toBe('time,voltage,on,mode\n2026-01-01T23:59:59.000Z,13.27,true,"a, ""b"""\n');
    expect(readFileSync(join(dir, "house-2026-01-02.csv"), "utf8")).toBe("time,voltage,on,mode\n2026-01-02T00:00:01.000Z,13.25,true,\n");
    const lines = readFileSync(join(dir, "house-2026-01-02.jsonl"), "utf8").trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ time: "2026-01-02T00:00:01.000Z", device, measurements: [{ key: "voltage", value: 13.25 }, { key: "on" }, { key: "mode", value: null }] });
  });

  it("keeps a file's columns after a restart, and leaves out keys that appear later", () => {
    const clock = new ManualClock(1000);
    const first = new ReadingLog(dir, ["csv"]);
    first.write("pv", makeReading(clock, { device, batteries: [], measurements: [measure("voltage", "Voltage", "voltage", 12.5)], reading: {} }));
    const second = new ReadingLog(dir, ["csv"]);
    second.write("pv", makeReading(clock, { device, batteries: [], measurements: [measure("current", "Current", "current", 2), measure("voltage", "Voltage", "voltage", 12.6)], reading: {} }));
    expect(readdirSync(dir)).toEqual(["pv-2026-01-01.csv"]);
    expect(readFileSync(join(dir, "pv-2026-01-01.csv"), "utf8")).toBe("time,voltage\n2026-01-01T00:00:01.000Z,12.5\n2026-01-01T00:00:01.000Z,12.6\n");
  });
});
