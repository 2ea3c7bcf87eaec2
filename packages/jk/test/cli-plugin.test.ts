import { createMemoryLink, formatReading, fromHex, isBattError, type DeviceReading, type DeviceSession, type PluginOptionValues } from "@batt/core";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { pluginHarness } from "@batt/test-support/plugin-harness";
import { plugin } from "../src/cli/index.js";
import type { JkPbBusReading, JkReading } from "../src/index.js";
import { FRAME_14S, FRAME_20S_BAD_SUM } from "./reference-frames.js";

/** Runs `work` while fake time moves on in 5 ms steps (the plugin uses the default 100 ms pacing). */
async function drive<T>(work: Promise<T>): Promise<T> {
  let done = false;
  const settled = work.finally(() => {
    done = true;
  });
  settled.catch(() => undefined); // handled by the caller; keeps the rejection from counting as unhandled meanwhile
  for (let i = 0; i < 10_000 && !done; i++) await vi.advanceTimersByTimeAsync(5);
  return settled;
}

const harness = pluginHarness(plugin, {}, { info: { baudRate: 115200 } });

function run(name: string, session: DeviceSession, args: string[], options: PluginOptionValues = {}): Promise<unknown> {
  return drive(harness.run(session, name, args, options));
}

describe("the jk plugin", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "performance"] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("describes the device", () => {
    expect(plugin).toMatchObject({ id: "jk", category: "bms", link: { kind: "serial", baudRate: 115200, dataBits: 8, parity: "none", stopBits: 1 } });
    expect(plugin.options?.map((o) => o.name)).toEqual(expect.arrayContaining(["protocol", "address", "timeout", "gap", "retries", "password-delay", "sim-soc", "sim-current", "sim-capacity"]));
    expect(plugin).not.toHaveProperty("format");
    expect(plugin.commands?.filter((c) => c.changesDevice).map((c) => c.name)).toEqual(["settings set", "switch", "pb shutdown", "pb emergency-start", "pb preset", "pb calibrate", "pb time"]);
  });

  it("decodes a captured frame and rejects a bad checksum or a truncated frame with BattError", () => {
    const decoded = plugin.decode!(FRAME_14S, {}) as JkReading;
    expect(decoded.values).toMatchObject({ totalVoltage: 53.59, current: 2.08, temperatureSensorCount: 2, cellCount: 14 });
    expect(decoded.values.batteryType).toEqual({ value: 1, name: "ternary" });
    const bad = (() => {
      try {
        plugin.decode!(FRAME_20S_BAD_SUM, {});
      } catch (e) {
        return e;
      }
    })();
    expect(isBattError(bad, "checksum")).toBe(true);
    expect(() => plugin.decode!(FRAME_14S.subarray(0, 100), {})).toThrow(expect.objectContaining({ code: "frame" }));
    const forced = plugin.decode!(FRAME_20S_BAD_SUM, { "no-verify": true }) as { checksumVerified: boolean; values: { soc: number } };
    expect(forced).toMatchObject({ checksumVerified: false, values: { soc: 71 } });
    const write = plugin.decode!(fromHex("4E 57 00 14 00 00 00 00 02 03 00 AB 01 00 00 00 00 68 00 00 01 D2"), {});
    expect(write).toMatchObject({ command: "write", transmission: "request", name: "chargeSwitch", value: true });
    expect(plugin.decode!(fromHex("01 10 16 1E 00 01 02 00 00 D2 2F"), { protocol: "pb" })).toMatchObject({ unit: 1, functionCode: 0x10 });
  });

  it("refuses --address with 4E57, address 0 with pb, and pacing that is not a number of ms", async () => {
    const { host } = createMemoryLink();
    await expect(plugin.connect(host, { address: "2" })).rejects.toMatchObject({ code: "invalid-argument" });
    await expect(plugin.connect(host, { protocol: "pb", address: "0" })).rejects.toMatchObject({ code: "invalid-argument" });
    await expect(plugin.connect(host, { protocol: "can" })).rejects.toMatchObject({ code: "invalid-argument" });
    await expect(plugin.connect(host, { gap: "fast" })).rejects.toMatchObject({ code: "invalid-argument" });
    await expect(plugin.connect(host, { protocol: "pb", timeout: "-1" })).rejects.toMatchObject({ code: "invalid-argument" });
  });

  it("reads, gets and sets settings and switches over 4E57 against its simulator", async () => {
    const session = await harness.connected();
    const reading = (await drive(session.read())) as DeviceReading<JkReading>;
    expect(reading.reading.protocol).toBe("4e57");
    expect(reading.device).toMatchObject({ driver: "jk", category: "bms", manufacturer: "JK", serial: "JKSIM001", hardware: "11.XW", firmware: "11.26" });
    expect(reading.batteries.map((b) => [b.id, b.cellVoltages.length, b.current])).toEqual([["battery", 16, -8]]);
    expect(formatReading(reading)).toMatch(/cells( \d\.\d{3}){16} V/);
    expect(await run("settings get", session, ["cellOvervoltageProtection"])).toEqual({ cellOvervoltageProtection: 3.65 });
    expect(await run("settings set", session, ["cellOvervoltageProtection", "3.6"])).toMatchObject({ readBack: 3.6 });
    expect(await run("switch", session, ["discharge", "off"])).toMatchObject({ key: "dischargeSwitch", readBack: false, changed: true });
    expect((await run("settings get", session, [])) as Record<string, unknown>).toMatchObject({ dischargeSwitch: false, cellOvervoltageProtection: 3.6 });
    await expect(run("switch", session, ["heater", "on"])).rejects.toMatchObject({ code: "invalid-argument" });
    await expect(run("settings set", session, ["softwareVersion", "x"])).rejects.toMatchObject({ code: "invalid-argument" });
  });

  it("simulates the pack of --sim-* in SI units, and refuses what a JK BMS cannot be", async () => {
    const session = await harness.connected({ "sim-cells": "8", "sim-chemistry": "li-ion", "sim-capacity": "40", "sim-soc": "75", "sim-current": "-3.2" });
    const reading = (await drive(session.read())) as DeviceReading<JkReading>;
    expect(reading.batteries[0]).toMatchObject({ soc: 75, current: -3.2, fullCapacity: 40 });
    expect(reading.batteries[0]!.cellVoltages).toHaveLength(8);
    expect(reading.reading.values.batteryType).toEqual({ value: 1, name: "ternary" });
    const { device } = createMemoryLink();
    await expect(plugin.simulate!(device, { "sim-soc": "150" })).rejects.toMatchObject({ code: "invalid-argument" });
    await expect(plugin.simulate!(device, { "sim-chemistry": "nimh" })).rejects.toMatchObject({ code: "invalid-argument" });
    await expect(plugin.simulate!(device, { "sim-chemistry": "lead" })).rejects.toMatchObject({ code: "invalid-argument" });
  });

  it("--sim-probes: a JK-PB with probes 1, 2 and 4 reads three temperatures keyed by probe; a probe outside 1–5 is refused", async () => {
    const session = await harness.connected({ protocol: "pb", "sim-probes": "1,2,4" });
    const reading = (await drive(session.read())) as DeviceReading<JkPbBusReading>;
    expect(reading.batteries[0]!.temperatures).toHaveLength(3);
    expect(reading.measurements.filter((m) => /^temperature_\d$/.test(m.key)).map((m) => m.key)).toEqual(["temperature_1", "temperature_2", "temperature_4"]);
    const { device } = createMemoryLink();
    await expect(plugin.simulate!(device, { protocol: "pb", "sim-probes": "1,6" })).rejects.toMatchObject({ code: "invalid-argument" });
  });

  it("reads several JK-PB packs and switches one", async () => {
    const pb = { protocol: "pb", address: "1,2" };
    const session = await harness.connected(pb);
    const reading = (await drive(session.read())) as DeviceReading<JkPbBusReading>;
    expect(reading.reading.packs.map((p) => p.address)).toEqual([1, 2]);
    expect(reading.batteries.map((b) => [b.id, b.name, b.current])).toEqual([
      ["pack1", "Pack 1", -8],
      ["pack2", "Pack 2", -8],
    ]);
    expect(reading.measurements.filter((m) => m.key.endsWith("_soh")).map((m) => [m.key, m.battery, m.value])).toEqual([
      ["pack1_soh", "pack1", 100],
      ["pack2_soh", "pack2", 100],
    ]);
    expect(formatReading(reading)).toMatch(/Pack 2/);
    expect(await run("settings get", session, ["cellCount"], pb)).toEqual({ 1: 16, 2: 16 });
    const results = (await run("switch", session, ["charge", "off"], pb)) as { readBack: number }[];
    expect(results.map((r) => r.readBack)).toEqual([0, 0]);
    expect(await run("settings set", session, ["balanceEnable", "off"], pb)).toMatchObject([{ readBack: 0 }, { readBack: 0 }]);
  });
});
