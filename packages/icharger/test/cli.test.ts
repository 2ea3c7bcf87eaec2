import { BattError, createMemoryLink, fromHex } from "@batt/core";
import { describe, expect, it } from "vitest";
import { pluginHarness } from "@batt/test-support/plugin-harness";
import { plugin } from "../src/cli.js";

/** The plugin over USB (64-byte reports) and over serial. */
const usb = pluginHarness(plugin, {}, { kind: "packet", packetSize: 64 });
const serial = pluginHarness(plugin, {}, { info: { baudRate: 115200 } });

describe("batt icharger plugin", () => {
  it("declares the USB link of the reference and its commands", () => {
    expect(plugin).toMatchObject({ id: "icharger", link: { kind: "hid", vendorId: 0x0483, productId: 0x5751, reportSize: 64 } });
    const commands = Object.fromEntries((plugin.commands ?? []).map((c) => [c.name, c.changesDevice]));
    const { ir, ...fixed } = commands;
    expect(fixed).toEqual({ presets: false, charge: true, storage: true, discharge: true, cycle: true, balance: true, stop: true });
    // `ir` only reads results, unless --auto asks for a discharge pulse: then the CLI requires --yes.
    expect(typeof ir).toBe("function");
    const decide = ir as (options: Record<string, string | boolean | undefined>) => boolean;
    expect(decide({})).toBe(false);
    expect(decide({ auto: true })).toBe(true);
  });

  it("reads both channels of the simulated 308 DUO over USB and formats them", async () => {
    const session = await usb.connected();
    const reading = (await session.read()) as { model: { id: string }; channels: unknown[] };
    expect(reading.model.id).toBe("308duo");
    expect(reading.channels).toHaveLength(2);
    const text = plugin.format!(reading);
    expect(text).toContain("iCharger 308 DUO");
    expect(text).toContain("CH1 idle (0)");
    expect(text).toContain("cells 3.800 3.800 3.800 3.800 V");
    expect(text.split("\n")).toHaveLength(5);
  });

  it("simulates another model (--model) over serial and lists its presets", async () => {
    const session = await serial.connected({ model: "x8" });
    const reading = (await session.read()) as { model: { id: string }; channels: unknown[] };
    expect(reading.model.id).toBe("x8");
    expect(reading.channels).toHaveLength(1);
    const list = (await serial.run(session, "presets")) as { slot: number; chemistry: string }[];
    expect(list.map((p) => p.chemistry)).toEqual(["LiPo", "LiIo", "LiFe", "NiMH", "NiCd", "Pb", "LTO"]);
    const one = (await serial.run(session, "presets", ["6"])) as { values: Record<string, unknown> };
    expect(one.values.ltoChg).toBe(2850);
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
    const result = (await usb.run(session, "ir", [], { auto: true, preset: "0" })) as { cellIrMilliohm: number[]; channel: number };
    expect(result.channel).toBe(1);
    result.cellIrMilliohm.forEach((r) => expect(Math.abs(r - 25) / 25).toBeLessThan(0.03));
  });

  it("decodes USB reports, LogView reports and RTU frames", () => {
    expect(plugin.decode!(fromHex("0E 30 10 80 02 00 03 06 00 00 55 AA 00 00"), {})).toMatchObject({ transport: "hid", control: { action: "stop", channel: 0 } });
    expect(plugin.decode!(fromHex("07 30 04 01 00 00 1E"), {})).toMatchObject({ direction: "request", address: 0x100, count: 30, area: "channel 1 status" });
    expect(plugin.decode!(fromHex("06 30 04 02 00 42 99 99"), {})).toMatchObject({ direction: "reply", registers: [0x42] });
    expect(plugin.decode!(fromHex("2C 10 01 F8 7D 07 00 02 01 00 E5 FF 04 87 2B 3C CF FF FF FF 64 01 00 00 02 0F 0B 0F 0E 0F 00 0F 00 00 00 00 00 00 00 00 00 00 00 00"), {})).toMatchObject({
      type: "logview",
      log: { kind: "sample", inputVoltageV: 34.564 },
    });
    expect(plugin.decode!(fromHex("01 10 80 00 00 05 0A 00 00 00 00 00 00 55 AA 00 01 71 B4"), {})).toMatchObject({ transport: "rtu", control: { action: "run", slot: 0, channel: 0 } });
    expect(() => plugin.decode!(fromHex("ff ff ff"), {})).toThrow(BattError);
  });

  it("rejects bad option values", async () => {
    const { host } = createMemoryLink({ kind: "packet" });
    await expect(plugin.connect(host, { model: "1000duo" })).rejects.toMatchObject({ code: "invalid-argument" });
    await expect(plugin.connect(host, { address: "300" })).rejects.toMatchObject({ code: "invalid-argument" });
  });
});
