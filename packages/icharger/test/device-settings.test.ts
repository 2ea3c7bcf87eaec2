import { checkSettingValue, createMemoryLink, type SettingField } from "@batt/core";
import { describe, expect, it, vi } from "vitest";
import { plugin } from "../src/cli.js";
import { IChargerDeviceSettings, modelById, RegisterArea, SYSTEM_LAYOUTS, systemSettingFields } from "../src/index.js";
import { hidRig, rigPerTest } from "./support/rigs.js";

const open = rigPerTest(hidRig);
const duo = systemSettingFields(SYSTEM_LAYOUTS.duo, modelById("308duo"));
const field = (fields: readonly SettingField[], key: string): SettingField => fields.find((f) => f.key === key)!;

describe("iCharger SYSTEM settings fields", () => {
  it("come from the model's SYSTEM layout: ranges, steps, model power limits, switches; undocumented and link fields read-only", () => {
    const keys = duo.map((f) => f.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toEqual(SYSTEM_LAYOUTS.duo.map.names);
    expect(field(duo, "cutTemperature")).toEqual({ key: "cutTemperature", name: "Cut temperature", group: "Temperature and fans", type: "number", unit: "°C", min: 60, max: 75, step: 0.1 });
    expect(field(duo, "fanOffDelay")).toMatchObject({ unit: "s", min: 0, max: 600, step: 60 });
    expect(field(duo, "dischargePowerCh1")).toMatchObject({ name: "Discharge power CH1", max: 80, group: "Power" }); // 308 DUO: 80 W, the table 130 W
    expect(field(duo, "chargePowerCh2")).toMatchObject({ max: 800 });
    expect(field(duo, "beepEnableKey")).toMatchObject({ type: "boolean", group: "Display and sound" });
    expect(field(duo, "powerPriority")).toMatchObject({ type: "enum", choices: [{ value: "average", label: "average" }, { value: "CH1", label: "CH1" }, { value: "CH2", label: "CH2" }] });
    expect(duo.filter((f) => f.readOnly && f.group === "Link").map((f) => f.key)).toEqual(["modbusMode", "serialAddress", "baudRate", "parity"]);
    expect(field(duo, "fanSpeed").readOnly).toBe(true);
    expect(field(duo, "dcInputOverVoltage").readOnly).toBe(true);
    const x = systemSettingFields(SYSTEM_LAYOUTS.x, modelById("x6"));
    expect(field(x, "input1LowVoltage")).toMatchObject({ readOnly: true, group: "Input" });
    expect(field(x, "dischargePower")).toMatchObject({ max: 30 });
  });
});

describe("iCharger SYSTEM settings on the simulator", () => {
  it("reads the block, each writable value one its field accepts", async () => {
    const { charger } = await open();
    const settings = new IChargerDeviceSettings(charger);
    const values = await settings.read();
    expect(values).toMatchObject({ cutTemperature: 70, dcInputOverVoltage: 50.5, chargePowerCh1: 400, modbusMode: "HID", temperatureUnit: "C" });
    expect(typeof values.beepEnableKey).toBe("boolean");
    for (const [key, value] of Object.entries(values)) if (!field(duo, key).readOnly) checkSettingValue(field(duo, key), value);
  });

  it("writes two values, verified and saved to flash; an unchanged one is not written", async () => {
    const { charger, sim } = await open();
    const settings = new IChargerDeviceSettings(charger);
    const before = await settings.read();
    const writes = vi.spyOn(sim.device, "writeRegisters");
    const result = await settings.write({ cutTemperature: 72.5, beepEnableKey: !before.beepEnableKey, lcdContrast: before.lcdContrast! });
    expect(result).toEqual({
      written: ["cutTemperature", "beepEnableKey"],
      unchanged: ["lcdContrast"],
      values: { cutTemperature: 72.5, beepEnableKey: !before.beepEnableKey, lcdContrast: before.lcdContrast },
    });
    // Two runs of SYSTEM registers (offsets 1 and 13), none for the LCD contrast (offset 6); then the save order.
    const system = writes.mock.calls.filter(([address]) => address >= RegisterArea.system && address < RegisterArea.system + 0x100);
    expect(system.map(([address, values]) => [address - RegisterArea.system, [...values]])).toEqual([
      [1, [725]],
      [13, [before.beepEnableKey ? 0 : 1]],
    ]);
    expect(sim.device.systemFlash[1]).toBe(725);
    expect(await settings.read()).toMatchObject({ cutTemperature: 72.5, beepEnableKey: !before.beepEnableKey });
  });

  it("refuses before sending: values off range or step, above the model's power, read-only and link fields, unknown keys", async () => {
    const { charger, sim } = await open();
    const settings = new IChargerDeviceSettings(charger);
    const writes = vi.spyOn(sim.device, "writeRegisters");
    const refused: Record<string, number | string | boolean>[] = [
      { cutTemperature: 80 },
      { cutTemperature: 70.05 },
      { dischargePowerCh1: 100 },
      { baudRate: "115200" },
      { fanSpeed: 1 },
      { beepEnableKey: "off" },
      { nothing: 1 },
    ];
    for (const changes of refused) await expect(settings.write(changes), JSON.stringify(changes)).rejects.toMatchObject({ code: "invalid-argument" });
    expect(writes).not.toHaveBeenCalled();
  });

  it("the `batt icharger` session carries the settings of its model", async () => {
    const { host, device } = createMemoryLink({ kind: "packet", packetSize: 64 });
    await Promise.all([host.open(), device.open()]);
    const sim = await plugin.simulate!(device, {});
    const session = await plugin.connect(host, {});
    expect(session.settings?.fields.map((f) => f.key)).toEqual(SYSTEM_LAYOUTS.duo.map.names);
    expect((await session.settings!.read()).cutTemperature).toBe(70);
    await session.close();
    await sim.stop();
  });
});
