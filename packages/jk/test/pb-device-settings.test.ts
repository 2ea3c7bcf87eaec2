import { checkSettingValue, createMemoryLink, toHex, type SettingField } from "@batt/core";
import { describe, expect, it } from "vitest";
import { plugin } from "../src/cli/index.js";
import { JK_PB_SETTINGS_MAP, JkPbBus, JkPbDeviceSettings, jkPbSettingFields, type JkPbBusOptions } from "../src/index.js";
import { JkPbSimulator } from "../src/simulator/index.js";

const FAST: JkPbBusOptions = { timeoutMs: 150, minGapMs: 0, drain: { quietMs: 5, maxMs: 50 } };

async function settingsRig() {
  const { host, device } = createMemoryLink({ info: { baudRate: 115200 } });
  await Promise.all([host.open(), device.open()]);
  const requests: Uint8Array[] = [];
  device.onData((chunk) => requests.push(chunk));
  const simulator = new JkPbSimulator({ packs: [{ address: 3, pack: { cells: 8, chemistry: "lifepo4", capacity: 280 } }] }).attach(device);
  const settings = new JkPbDeviceSettings(new JkPbBus(host, FAST).pack(3));
  /** FC 0x10 requests sent, as their first 6 bytes (unit, function, register, count). */
  const writes = (): string[] => requests.filter((r) => r[1] === 0x10).map((r) => toHex(r.subarray(0, 6)));
  return { simulator, settings, requests, writes };
}

const field = (key: string): SettingField => jkPbSettingFields().find((f) => f.key === key)!;

describe("JK-PB settings fields", () => {
  it("come from the register map: numbers with unit, range and step, switches and function bits as on/offs", () => {
    const fields = jkPbSettingFields();
    const keys = fields.map((f) => f.key);
    expect(new Set(keys).size).toBe(keys.length);
    // Every map field but the function word, plus its 10 named bits.
    expect(fields).toHaveLength(JK_PB_SETTINGS_MAP.names.length - 1 + 10);
    expect(field("cellOvervoltageProtection")).toEqual({
      key: "cellOvervoltageProtection",
      name: "cell overvoltage protection",
      group: "Cell protection",
      type: "number",
      unit: "V",
      min: 1,
      max: 5,
      step: 0.001,
    });
    expect(field("chargeOvertemperature")).toMatchObject({ unit: "°C", min: -40, max: 120, step: 0.1, group: "Temperature protection" });
    expect(field("chargeEnable")).toMatchObject({ type: "boolean", group: "Switches" });
    expect(field("functions.heating")).toMatchObject({ type: "boolean", group: "Function", name: "heating" });
    expect(field("wireResistance32")).toMatchObject({ unit: "Ω", step: 0.000001, group: "Wire resistance" });
    expect(fields.filter((f) => f.readOnly).map((f) => f.key)).toEqual(["deviceAddress"]);
  });
});

describe("JK-PB settings on the simulator", () => {
  it("reads the block, each writable value one its field accepts", async () => {
    const { settings, writes } = await settingsRig();
    const values = await settings.read();
    expect(values).toMatchObject({
      cellCount: 8,
      capacity: 280,
      cellOvervoltageProtection: 3.65,
      chargeEnable: true,
      deviceAddress: 3,
      smartSleepTime: 86400,
      "functions.port1Rs485": true,
      "functions.heating": false,
    });
    expect(Object.keys(values).sort()).toEqual(jkPbSettingFields().map((f) => f.key).sort());
    for (const [key, value] of Object.entries(values)) if (!field(key).readOnly) checkSettingValue(field(key), value);
    expect(writes()).toEqual([]);
  });

  it("check refuses unknown keys, read-only fields, values off range or step and recoveries on the unsafe side", async () => {
    const { settings, writes } = await settingsRig();
    const refused = (changes: Record<string, number | boolean>) => expect(() => settings.check(changes)).toThrow(expect.objectContaining({ code: "invalid-argument" }));
    refused({ bogus: 1 });
    refused({ functions: 1 });
    refused({ deviceAddress: 4 });
    refused({ cellOvervoltageProtection: 7 });
    refused({ cellOvervoltageProtection: 3.6005 });
    refused({ chargeEnable: 1 });
    refused({ cellOvervoltageProtection: 3.5, cellOvervoltageRecovery: 3.6 });
    await settings.read();
    expect(() => settings.check({ cellOvervoltageRecovery: 3.7 })).toThrow(/cellOvervoltageRecovery \(3\.7\) must be ≤ cellOvervoltageProtection \(3\.65\)/);
    expect(() => settings.check({ chargeUndertemperatureRelease: -25 })).toThrow(expect.objectContaining({ code: "invalid-argument" }));
    expect(writes()).toEqual([]);
  });

  it("writes two values and a bit, reads them back; unchanged values are not written", async () => {
    const { settings, simulator, requests, writes } = await settingsRig();
    const result = await settings.write({ cellOvervoltageProtection: 3.6, chargeOvercurrentDelay: 10, cellCount: 8, "functions.heating": true, "functions.port1Rs485": true });
    expect(result).toEqual({
      written: ["cellOvervoltageProtection", "chargeOvercurrentDelay", "functions.heating"],
      unchanged: ["cellCount", "functions.port1Rs485"],
      values: { cellOvervoltageProtection: 3.6, chargeOvercurrentDelay: 10, cellCount: 8, "functions.heating": true, "functions.port1Rs485": true },
    });
    // One FC 0x10 each to 0x100C (cell OVP), 0x1030 (charge OCP delay) and 0x1114 (function word); none to 0x106C (cell count).
    expect(writes()).toEqual(["03 10 10 0c 00 02", "03 10 10 30 00 02", "03 10 11 14 00 01"]);
    const ovp = requests.find((r) => r[1] === 0x10 && r[3] === 0x0c)!;
    expect(toHex(ovp.subarray(6, 11))).toBe("04 00 00 0e 10"); // 3600 mV, high word first
    const word = requests.find((r) => r[1] === 0x10 && r[3] === 0x14)!;
    expect(toHex(word.subarray(6, 9))).toBe("02 00 09"); // heating (bit 0) added to port 1 = RS-485 (bit 3)
    expect(simulator.pack(3).limits().cellOvervoltage).toBe(3.6);
    expect(await settings.read()).toMatchObject({ cellOvervoltageProtection: 3.6, chargeOvercurrentDelay: 10, "functions.heating": true, "functions.port1Rs485": true });
  });

  it("a write refused by the pack's own values sends no FC 0x10", async () => {
    const { settings, writes } = await settingsRig();
    await expect(settings.write({ cellOvervoltageRecovery: 3.7 })).rejects.toMatchObject({ code: "invalid-argument" });
    await expect(settings.write({ deviceAddress: 5 })).rejects.toMatchObject({ code: "invalid-argument" });
    expect(writes()).toEqual([]);
  });

  it("a one-pack `batt jk --protocol pb` session has settings; a session of several packs has none", async () => {
    const { host, device } = createMemoryLink();
    await Promise.all([host.open(), device.open()]);
    const sim = await plugin.simulate!(device, { protocol: "pb", address: "1,2" });
    const one = await plugin.connect(host, { protocol: "pb", address: "2", timeout: "200" });
    expect((await one.settings!.read()).deviceAddress).toBe(2);
    await one.close();
    const both = await plugin.connect(host, { protocol: "pb", address: "1,2", timeout: "200" });
    expect(both.settings).toBeUndefined();
    await both.close();
    await sim.stop();
  });
});
