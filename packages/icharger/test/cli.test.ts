import { BattError, createMemoryLink, formatReading, fromHex, type DeviceReading } from "@batt/core";
import { describe, expect, it } from "vitest";
import { pluginHarness } from "@batt/test-support/plugin-harness";
import { plugin } from "../src/cli.js";
import type { IChargerReading } from "../src/index.js";

/** The plugin over USB (64-byte reports) and over serial. */
const usb = pluginHarness(plugin, {}, { kind: "packet", packetSize: 64 });
const serial = pluginHarness(plugin, {}, { info: { baudRate: 115200 } });

describe("batt icharger plugin", () => {
  it("declares the USB link of the reference and its commands", () => {
    expect(plugin).toMatchObject({ id: "icharger", category: "charger", link: { kind: "hid", vendorId: 0x0483, productId: 0x5751, reportSize: 64 } });
    const commands = Object.fromEntries((plugin.commands ?? []).map((c) => [c.name, c.changesDevice]));
    const { ir, ...fixed } = commands;
    expect(fixed).toEqual({ presets: false, charge: true, storage: true, discharge: true, cycle: true, balance: true, stop: true, current: true, record: false, "preset set": true, "system set": true, quick: true });
    // `ir` only reads results, unless --auto asks for a discharge pulse: then the CLI requires --yes.
    expect(typeof ir).toBe("function");
    const decide = ir as (options: Record<string, string | boolean | undefined>) => boolean;
    expect(decide({})).toBe(false);
    expect(decide({ auto: true })).toBe(true);
  });

  it("reads both channels of the simulated 308 DUO over USB in the shared reading, as the CLI prints it", async () => {
    const session = await usb.connected();
    const reading = (await session.read()) as DeviceReading<IChargerReading>;
    expect(reading.device).toEqual({ driver: "icharger", category: "charger", manufacturer: "Junsi", model: "iCharger 308 DUO", serial: "308DUO-SIM1", firmware: "2.18", hardware: "1.00" });
    expect(reading.reading.model.id).toBe("308duo");
    expect(reading.reading.channels).toHaveLength(2);
    expect(reading.batteries.map((b) => b.id)).toEqual(["ch1", "ch2"]);
    const text = formatReading(reading).split("\n");
    expect(text[0]).toBe("Junsi iCharger 308 DUO · firmware 2.18 · hardware 1.00 · serial 308DUO-SIM1");
    expect(text[1]).toBe("Channel 1: 15.20 V  0.00 A  0.0 W");
    expect(text[2]).toBe("           cells 3.800 3.800 3.800 3.800 V  (Δ 0 mV)");
    expect(text).toContain("Channel 1 Run state             idle");
    expect(text).toContain("Input voltage                   24.00 V");
    expect(text).toContain("Channel 2 Internal resistance   -");
  });

  it("simulates another model (--model) over serial and lists its presets", async () => {
    const session = await serial.connected({ model: "x8" });
    const reading = (await session.read()) as DeviceReading<IChargerReading>;
    expect(reading.reading.model.id).toBe("x8");
    expect(reading.device).toMatchObject({ model: "iCharger X8", address: 1 });
    // One channel: one battery, and keys without a channel prefix.
    expect(reading.batteries.map((b) => b.id)).toEqual(["ch1"]);
    expect(reading.measurements.map((m) => m.key)).toEqual(expect.arrayContaining(["voltage", "cell_4", "run_state", "capacity", "input_voltage"]));
    const list = (await serial.run(session, "presets")) as { slot: number; chemistry: string }[];
    expect(list.map((p) => p.chemistry)).toEqual(["LiPo", "LiIo", "LiFe", "NiMH", "NiCd", "Pb", "LTO"]);
    const one = (await serial.run(session, "presets", ["6"])) as { values: Record<string, unknown> };
    expect(one.values.ltoChg).toBe(2.85);
  });

  it("charges and stops with --preset and --channel (channels counted from 1)", async () => {
    const session = await usb.connected();
    expect(await usb.run(session, "charge", [], { preset: "0", channel: "2" })).toMatchObject({ channel: 2, preset: 0, operation: "charge", verified: true });
    expect(await usb.run(session, "stop", [], { channel: "2" })).toEqual({ channel: 2, stopped: true });
    await expect(usb.run(session, "discharge", [], { channel: "1" })).rejects.toMatchObject({ code: "invalid-argument" });
    await expect(usb.run(session, "charge", [], { preset: "0", channel: "3" })).rejects.toMatchObject({ code: "invalid-argument" });
  });

  it("shows the charger's IR without --auto and measures with --auto", async () => {
    const session = await usb.connected();
    expect(await usb.run(session, "ir")).toMatchObject({ channel: 1, cellCount: 4 });
    const result = (await usb.run(session, "ir", [], { auto: true, preset: "0" })) as { cellIr: number[]; channel: number };
    expect(result.channel).toBe(1);
    expect(result.cellIr).toHaveLength(4);
    result.cellIr.forEach((r) => expect(Math.abs(r - 0.025) / 0.025).toBeLessThan(0.03));
  });

  it("decodes USB reports, LogView reports and RTU frames", () => {
    expect(plugin.decode!(fromHex("0E 30 10 80 02 00 03 06 00 00 55 AA 00 00"), {})).toMatchObject({ transport: "hid", control: { action: "stop", channel: 0 } });
    expect(plugin.decode!(fromHex("07 30 04 01 00 00 1E"), {})).toMatchObject({ direction: "request", address: 0x100, count: 30, area: "channel 1 status" });
    expect(plugin.decode!(fromHex("06 30 04 02 00 42 99 99"), {})).toMatchObject({ direction: "reply", registers: [0x42] });
    expect(plugin.decode!(fromHex("2C 10 01 F8 7D 07 00 02 01 00 E5 FF 04 87 2B 3C CF FF FF FF 64 01 00 00 02 0F 0B 0F 0E 0F 00 0F 00 00 00 00 00 00 00 00 00 00 00 00"), {})).toMatchObject({
      type: "logview",
      log: { kind: "sample", inputVoltage: 34.564 },
    });
    expect(plugin.decode!(fromHex("01 10 80 00 00 05 0A 00 00 00 00 00 00 55 AA 00 01 71 B4"), {})).toMatchObject({ transport: "rtu", control: { action: "run", slot: 0, channel: 0 } });
    expect(() => plugin.decode!(fromHex("ff ff ff"), {})).toThrow(BattError);
  });

  it("simulates the packs of --sim-cells, --sim-chemistry, --sim-capacity (Ah) and --sim-soc (%)", async () => {
    const session = await usb.connected({ "sim-cells": "3", "sim-chemistry": "LiFe", "sim-capacity": "5", "sim-soc": "50" });
    const reading = (await session.read()) as DeviceReading<IChargerReading>;
    // LiFePO4 at 50 % rests at 3.310 V per cell (core's curve), on both channels.
    expect(reading.batteries.map((b) => b.cellVoltages)).toEqual([
      [3.31, 3.31, 3.31],
      [3.31, 3.31, 3.31],
    ]);
    await expect(plugin.simulate!(createMemoryLink().device, { "sim-soc": "150" })).rejects.toMatchObject({ code: "invalid-argument" });
    await expect(plugin.simulate!(createMemoryLink().device, { "sim-chemistry": "Power" })).rejects.toMatchObject({ code: "invalid-argument" });
  });

  it("rejects bad option values", async () => {
    const { host } = createMemoryLink({ kind: "packet" });
    await expect(plugin.connect(host, { model: "1000duo" })).rejects.toMatchObject({ code: "invalid-argument" });
    await expect(plugin.connect(host, { address: "300" })).rejects.toMatchObject({ code: "invalid-argument" });
  });
});
