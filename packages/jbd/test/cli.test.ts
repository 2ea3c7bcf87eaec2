import { BLE_GATT_PROFILES, createMemoryLink, formatReading, fromHex, type DeviceSession, type PluginCommand, type PluginOptionValues } from "@batt/core";
import { describe, expect, it } from "vitest";
import { plugin } from "../src/cli/index.js";
import type { JbdSettingsBackup, SettingsWriteReport } from "../src/index.js";

async function connected(options: PluginOptionValues = {}) {
  const { host, device } = createMemoryLink();
  await Promise.all([host.open(), device.open()]);
  const sim = await plugin.simulate!(device, { "sim-cells": "8", "sim-chemistry": "li-ion", ...options });
  const session = await plugin.connect(host, { timeout: "100", "save-pause": "0", gap: "0", ...options });
  return { session, sim };
}

function command(name: string): PluginCommand {
  const found = plugin.commands?.find((c) => c.name === name);
  if (!found) throw new Error(`no command ${name}`);
  return found;
}

/** Runs a command as the CLI does: its check phase, then the work. */
function run(name: string, session: DeviceSession, args: string[] = [], options: PluginOptionValues = {}) {
  const log: string[] = [];
  const found = command(name);
  // A mistake found by the check phase rejects, as the CLI reports it, rather than throwing here.
  const result = Promise.resolve()
    .then(() => found.prepare?.(args, options, {}))
    .then((input) => found.run({ session, args, options, input, signal: new AbortController().signal, log: (m) => log.push(m) }));
  return { result, log };
}

describe("the batt jbd plugin", () => {
  it("describes the device and its link", () => {
    expect(plugin.id).toBe("jbd");
    expect(plugin.link).toEqual({ kind: "serial", baudRate: 9600, dataBits: 8, parity: "none", stopBits: 1, ble: BLE_GATT_PROFILES.jbd });
    const changing = (plugin.commands ?? []).filter((c) => c.changesDevice).map((c) => c.name);
    expect(changing).toEqual(["settings set", "mosfet", "restore", "control", "balance-test", "password clear", "calibrate", "password set", "params set", "fet"]);
  });

  it("connects without a request, reads the shared envelope (the model string once, with the first reading) and formats it", async () => {
    const { host, device } = createMemoryLink();
    await Promise.all([host.open(), device.open()]);
    const sent: number[] = [];
    device.onData((chunk) => sent.push(chunk[2]!));
    const sim = await plugin.simulate!(device, { "sim-cells": "8", "sim-chemistry": "li-ion" });
    const session = await plugin.connect(host, { timeout: "100", gap: "0" });
    expect(sent).toEqual([]);
    const reading = await session.read();
    expect(reading.device).toEqual({ driver: "jbd", category: "bms", manufacturer: "JBD", model: "JBD-SIM-8S", firmware: "8.0", manufactureDate: "2022-03-28" });
    expect(reading.reading.cellVoltages).toHaveLength(8);
    expect(reading.batteries[0]!.cellVoltages).toEqual(reading.reading.cellVoltages);
    expect(JSON.parse(JSON.stringify(reading))).toEqual(reading);
    await session.read();
    expect(sent).toEqual([0x05, 0x03, 0x04, 0x03, 0x04]);
    const text = formatReading(reading);
    expect(text).toMatch(/^JBD JBD-SIM-8S · firmware 8\.0\n/);
    expect(text).toMatch(/cells( \d\.\d{3}){8} V/);
    expect(text).toMatch(/charge allowed · discharge allowed\nalarms none/);
    await session.close();
    await sim.stop();
  });

  it("decodes captured frames, requests and error replies", () => {
    const decoded = plugin.decode!(fromHex("DD 04 00 08 0F 45 0F 3D 0F 37 0F 3D FE C6 77"), {});
    expect(decoded).toMatchObject({ type: "response", register: "0x04", name: "cell voltages", decoded: [3.909, 3.901, 3.895, 3.901] });
    expect(plugin.decode!(fromHex("DD 5A E1 02 00 01 FF 1C 77"), {})).toMatchObject({ type: "write", name: "MOSFET control", data: "00 01" });
    expect(plugin.decode!(fromHex("DD 10 81 00 FF 7F 77"), {})).toMatchObject({ status: { code: 0x81 }, name: "design_cap" });
    expect(plugin.decode!(fromHex("DD 38 00 02 8F 3F FF 30 77"), {})).toMatchObject({ decoded: { sc: 100, dsgoc2: 50, sc_dsgoc_x2: true } });
    expect(() => plugin.decode!(fromHex("DD 04 00 08 0F 45"), {})).toThrow(expect.objectContaining({ code: "frame" }));
    expect(() => plugin.decode!(fromHex("DD 04 00 08 0F 45 0F 3D 0F 37 0F 3D FE C7 77"), {})).toThrow(expect.objectContaining({ code: "checksum" }));
  });

  it("settings get, set (validated) and list", async () => {
    const { session } = await connected();
    expect(await run("settings get", session, ["covp"]).result).toEqual({ name: "covp", value: 4.25, unit: "V", text: "4.25 V" });
    const set = (await run("settings set", session, ["covp", "4.2"]).result) as SettingsWriteReport;
    expect(set).toMatchObject({ written: ["covp"], saved: true });
    expect(await run("settings get", session, ["covp"]).result).toMatchObject({ value: 4.2 });
    await expect(run("settings set", session, ["covp", "9"]).result).rejects.toMatchObject({ code: "invalid-argument" });
    await expect(run("settings set", session, ["nope", "1"]).result).rejects.toMatchObject({ code: "invalid-argument" });
    const all = (await run("settings get", session).result) as { values: Record<string, unknown> };
    expect(all.values.cell_cnt).toBe(8);
    const list = (await run("settings list", session).result) as { name: string }[];
    expect(list.map((s) => s.name)).toContain("dsgoc2_delay");
  });

  it("mosfet on/off reports the state read back", async () => {
    const { session } = await connected();
    expect(await run("mosfet", session, ["discharge", "off"]).result).toMatchObject({ fet: { charge: true, discharge: false }, confirmed: true });
    expect(await run("mosfet", session, ["both", "on"]).result).toMatchObject({ fet: { charge: true, discharge: true }, mask: 0 });
    await expect(run("mosfet", session, ["charge", "maybe"]).result).rejects.toMatchObject({ code: "invalid-argument" });
  });

  it("backup returns a document; restore takes its text (JSON or .fig) and returns the diff", async () => {
    const { session } = await connected();
    const doc = (await run("backup", session).result) as JbdSettingsBackup;
    expect(doc.format).toBe("batt-jbd-settings");
    const fig = (await run("backup", session, [], { format: "fig" }).result) as string;
    expect(fig).toMatch(/^ {2}FileCode {15}3838\r\r\n/);

    await run("settings set", session, ["chgot", "55"]).result;
    const dry = (await run("restore", session, [JSON.stringify(doc)], { "dry-run": true }).result) as { diff: unknown[] };
    expect(dry.diff).toEqual([{ name: "chgot", from: 55, to: 50 }]);
    const restored = (await run("restore", session, [fig]).result) as { diff: unknown[]; report: SettingsWriteReport };
    expect(restored.diff).toEqual([{ name: "chgot", from: 55, to: 50 }]);
    expect(restored.report.written).toEqual(["chgot"]);
    await expect(run("restore", session, ["not a document"]).result).rejects.toMatchObject({ code: "invalid-argument" });
  });

  it("counters, control, balance test and password clear", async () => {
    const { session } = await connected();
    expect(await run("counters", session).result).toMatchObject({ shortCircuit: 0 });
    expect(await run("control", session, ["clearProtection"]).result).toEqual({ sent: "clearProtection" });
    await expect(run("control", session, ["selfDestruct"]).result).rejects.toMatchObject({ code: "invalid-argument" });
    await run("balance-test", session, ["even"]).result;
    expect((await session.read()).reading.basicInfo.balancing).toEqual([false, true, false, true, false, true, false, true]);
    await run("balance-test", session, ["end"]).result;
    expect(await run("password clear", session).result).toEqual({ passwordCleared: true });
  });

  it("rejects bad plugin options", async () => {
    const { host } = createMemoryLink();
    await expect(plugin.connect(host, { "password-encoding": "ebcdic" })).rejects.toMatchObject({ code: "invalid-argument" });
    await expect(plugin.simulate!(host, { "sim-chemistry": "unobtainium" })).rejects.toMatchObject({ code: "invalid-argument" });
  });
});
