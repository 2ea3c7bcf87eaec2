import { checkSettingValue, type SettingField } from "@batt/core";
import { describe, expect, it } from "vitest";
import { chargerSettingFields, EvChargerDeviceSettings } from "../src/index.js";
import { failure, rig, SkippableClock } from "./support.js";

const field = (key: string): SettingField => chargerSettingFields().find((f) => f.key === key)!;

async function settingsRig(generation: "g1" | "g2" = "g1") {
  // The EEPROM interval is measured on this clock; skipping it moves time on without waiting (as eeprom.test.ts does).
  const clock = new SkippableClock();
  const r = await rig({ charger: { clock, generation, eepromMinIntervalMs: 60_000 }, sim: { generation } });
  return { ...r, clock, settings: new EvChargerDeviceSettings(r.charger) };
}

describe("EV charger settings fields", () => {
  it("the charging current, then the stored settings the holding map describes", () => {
    const fields = chargerSettingFields();
    const keys = fields.map((f) => f.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys[0]).toBe("chargeCurrent");
    expect(field("chargeCurrent")).toMatchObject({ type: "number", unit: "A", min: 6, max: 32, step: 0.01, group: "Charging" });
    expect(field("deviceMode")).toMatchObject({ type: "enum", choices: ["stop", "fast", "eco", "green"].map((v) => ({ value: v, label: v })) });
    expect(field("overVoltage")).toMatchObject({ type: "number", unit: "V", min: 260, max: 300, step: 1, group: "Grid" });
    expect(field("smartBoostEnergy")).toMatchObject({ unit: "Wh", step: 1000, max: 100_000 });
    for (const left of ["slaveAddress", "controlCommand", "serialNumber", "timezone", "rtcSeconds", "maxCurrent", "g2MaxCurrent"]) expect(keys).not.toContain(left);
  });
});

describe("EV charger settings on the simulator", () => {
  it("reads a first-generation charger's settings, each one its field accepts", async () => {
    const { settings, sim } = await settingsRig();
    const values = await settings.read();
    expect(values).toMatchObject({ chargeCurrent: 16, deviceMode: "fast", ecoGear: "6A", overVoltage: 270, underVoltage: 150, mainBreakerLimit: 40, unbalancedPower: 5000, electronicLock: "unlock" });
    expect(values.evseMode).toBeUndefined();
    for (const [key, value] of Object.entries(values)) checkSettingValue(field(key), value);
    expect(sim.writes).toEqual([]);
  });

  it("reads a second-generation charger's current limit, EVSE mode and phase switch", async () => {
    const { settings } = await settingsRig("g2");
    expect(await settings.read()).toMatchObject({ chargeCurrent: 32, evseMode: "fast", phaseSwitch: "three" });
  });

  it("check refuses unknown keys, values off range or step and unknown choices", async () => {
    const { settings } = await settingsRig();
    const refused: Record<string, number | string>[] = [{ slaveAddress: 5 }, { chargeCurrent: 40 }, { chargeCurrent: 6.005 }, { overVoltage: 250 }, { deviceMode: "turbo" }, { deviceMode: 1 }];
    for (const changes of refused) {
      expect(() => settings.check(changes)).toThrow(expect.objectContaining({ code: "invalid-argument" }));
    }
  });

  it("writes two values with read-back; an unchanged value is not written", async () => {
    const { settings, sim, sent } = await settingsRig();
    const result = await settings.write({ overVoltage: 270, chargeCurrent: 10, mainBreakerLimit: 50 });
    expect(result).toEqual({ written: ["chargeCurrent", "mainBreakerLimit"], unchanged: ["overVoltage"], values: { chargeCurrent: 10, mainBreakerLimit: 50, overVoltage: 270 } });
    expect(sim.writes.map((w) => [w.address, w.values])).toEqual([
      [0x0628, [1000]],
      [0x0614, [50]],
    ]);
    // FC 0x06 to unit 70 (0x46): 0x0628 = 1000 (10 A in 0.01 A), 0x0614 = 50 A; CRCs computed by hand (CRC-16/Modbus).
    expect(sent.filter((s) => s.startsWith("46 06"))).toEqual(["46 06 06 28 03 e8 06 83", "46 06 06 14 00 32 47 e4"]);
    expect(await settings.read()).toMatchObject({ chargeCurrent: 10, mainBreakerLimit: 50 });
  });

  it("refuses, before sending, a current above the rating, an EEPROM register changed too soon and a G2 setting on G1", async () => {
    const { settings, sim, clock } = await settingsRig();
    await expect(settings.write({ chargeCurrent: 20 })).rejects.toMatchObject({ code: "invalid-argument" }); // 11 kW: 16 A
    await settings.write({ mainBreakerLimit: 50 });
    const soon = await failure(settings.write({ mainBreakerLimit: 45 }));
    expect(soon).toMatchObject({ code: "invalid-argument", context: { register: "mainBreakerLimit" } });
    expect(soon.context.retryAfterMs).toBeGreaterThan(59_000);
    await expect(settings.write({ evseMode: "eco" })).rejects.toMatchObject({ code: "unsupported" });
    expect(sim.writes).toHaveLength(1);
    clock.skip(60_000);
    expect(await settings.write({ mainBreakerLimit: 45 })).toMatchObject({ written: ["mainBreakerLimit"] });
  });
});
