import { checkSettingValue, createMemoryLink, type DeviceSession, type SettingField } from "@batt/core";
import { describe, expect, it } from "vitest";
import { plugin } from "../src/cli/index.js";
import { JBD_SETTINGS, JbdDeviceSettings, jbdSettingFields, JBD_SETTING_GROUPS, type JbdSettingsBackup } from "../src/index.js";
import { rig } from "./helpers.js";
import { VENDOR_FIG, VENDOR_FIG_SETTINGS } from "./vendor-fig.js";

const CREATED = new Date("2026-01-02T03:04:05.000Z");

async function settingsRig() {
  const r = await rig();
  return { ...r, settings: new JbdDeviceSettings(r.bms, { now: () => CREATED }) };
}

/** Register writes on the wire, settings registers only (0x10–0xA2; not factory enter/exit). */
function settingWrites(requests: readonly { kind: string; register: number }[]): number[] {
  return requests.filter((r) => r.kind === "write" && r.register >= 0x10).map((r) => r.register);
}

const field = (key: string): SettingField => jbdSettingFields().find((f) => f.key === key)!;
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe("JBD settings fields", () => {
  it("one field per table row, the bit sets as named bits, under the editor's headings", () => {
    const fields = jbdSettingFields();
    const keys = fields.map((f) => f.key);
    expect(new Set(keys).size).toBe(keys.length);
    const rows = JBD_SETTINGS.filter((d) => d.kind !== "flags").length;
    // 14 function bits (0x2D) and 8 NTC bits (0x2E) stand for the two bit-set rows.
    expect(fields).toHaveLength(rows + 14 + 8);
    expect(keys).not.toContain("func_config");
    expect(field("func_config.balanceEnable")).toMatchObject({ type: "boolean", group: "Function", name: "balancer enabled" });
    expect(field("ntc_config.ntc3")).toMatchObject({ type: "boolean", group: "Temperature sensors" });
    expect(field("covp")).toEqual({ key: "covp", name: "cell overvoltage", group: "Cell protection", type: "number", unit: "V", min: 1, max: 5, step: 0.001 });
    expect(field("chgot")).toMatchObject({ type: "number", unit: "°C", min: -40, max: 100, step: 0.1, group: "Temperature protection" });
    expect(field("dsgoc")).toMatchObject({ unit: "A", min: -327.68, max: 0, step: 0.01, group: "Current protection" });
    expect(field("mfg_date")).toMatchObject({ type: "date", group: "Identity" });
    expect(field("device_name")).toMatchObject({ type: "text", maxLength: 31 });
    // 0x38 low nibble: 16 named thresholds; the 3-bit delay has 8 named values and 8 raw indexes.
    expect(field("dsgoc2").choices).toHaveLength(16);
    expect(field("dsgoc2_delay").choices?.slice(7, 9)).toEqual([
      { value: 1280, label: "1280 ms" },
      { value: "raw:8", label: "raw 8" },
    ]);
    expect(fields.some((f) => f.readOnly)).toBe(false);
    const groups = fields.map((f) => JBD_SETTING_GROUPS.indexOf(f.group as (typeof JBD_SETTING_GROUPS)[number]));
    expect(groups.every((g, i) => g >= 0 && (i === 0 || g >= groups[i - 1]!))).toBe(true);
  });
});

describe("JBD settings on the simulator", () => {
  it("reads every setting, each value one its field accepts", async () => {
    const { settings, simulator } = await settingsRig();
    const values = await settings.read();
    expect(values).toMatchObject({
      design_cap: 100,
      covp: 3.65,
      dsgoc: -150,
      mfg_name: "JBD",
      "func_config.balanceEnable": true,
      "func_config.ledEnable": true,
      "func_config.switch": false,
      "ntc_config.ntc1": true,
      sc: 100,
      sc_dsgoc_x2: true,
    });
    const keys = new Set(settings.fields.map((f) => f.key));
    expect(Object.keys(values).length).toBeGreaterThan(80);
    for (const [key, value] of Object.entries(values)) {
      expect(keys.has(key), key).toBe(true);
      checkSettingValue(field(key), value);
    }
    expect(settingWrites(simulator.requests)).toEqual([]);
  });

  it("check refuses unknown keys, values off range or step, bad text and releases on the unsafe side, sending nothing", async () => {
    const { settings, simulator } = await settingsRig();
    const refused = (changes: Record<string, number | string | boolean>) => expect(() => settings.check(changes)).toThrow(expect.objectContaining({ code: "invalid-argument" }));
    refused({ bogus: 1 });
    refused({ func_config: 6 });
    refused({ covp: 9 });
    refused({ covp: 3.6505 });
    refused({ chgot: 50.05 });
    refused({ sc_delay: 150 });
    refused({ device_name: "x".repeat(32) });
    refused({ device_name: "Ünicode" });
    refused({ mfg_date: "1999-12-31" });
    refused({ "func_config.switch": 1 });
    refused({ covp: 3.5, covp_rel: 3.6 });
    expect(() => settings.check({ covp_rel: 3.7 })).not.toThrow(); // partner unknown until read: the write checks it
    await settings.read();
    expect(() => settings.check({ covp_rel: 3.7 })).toThrow(/covp_rel \(3\.7\) must be ≤ covp \(3\.65\)/);
    expect(() => settings.check({ covp: 3.7, covp_rel: 3.6 })).not.toThrow();
    expect(settingWrites(simulator.requests)).toEqual([]);
  });

  it("writes two values and a named bit: read back, saved to EEPROM, unchanged values not written", async () => {
    const { settings, simulator } = await settingsRig();
    const result = await settings.write({ covp: 3.6, chgot_delay: 7, cuvp: 2.5, "func_config.switch": true, "func_config.balanceEnable": true });
    expect(result).toEqual({
      written: ["covp", "chgot_delay", "func_config.switch"],
      unchanged: ["cuvp", "func_config.balanceEnable"],
      values: { covp: 3.6, chgot_delay: 7, cuvp: 2.5, "func_config.switch": true, "func_config.balanceEnable": true },
    });
    // One write each for 0x24, 0x3A and 0x2D; none for cuvp (0x26), already 2.5 V.
    expect(settingWrites(simulator.requests)).toEqual([0x24, 0x3a, 0x2d]);
    const eeprom = simulator.device.eeprom.saved;
    expect(eeprom.get(0x24)).toBe(3600);
    expect(eeprom.get(0x3a)).toBe(0x0207); // chgut_delay 2 s kept in the high byte
    expect(eeprom.get(0x2d)).toBe(0x0035); // switch added to balance, LED enable, LED count
    simulator.device.powerCycle();
    expect(await settings.read()).toMatchObject({ covp: 3.6, chgot_delay: 7, chgut_delay: 2, "func_config.switch": true, "func_config.ledCount": true });
  });

  it("a write of the values already stored writes no register", async () => {
    const { settings, simulator } = await settingsRig();
    const values = await settings.read();
    const same = { covp: values.covp!, "ntc_config.ntc1": values["ntc_config.ntc1"]!, device_name: values.device_name! };
    expect(await settings.write(same)).toEqual({ written: [], unchanged: ["covp", "ntc_config.ntc1", "device_name"], values: same });
    expect(settingWrites(simulator.requests)).toEqual([]);
  });

  it("a write refused by the BMS's own values (release above its threshold) sends no register write", async () => {
    const { settings, simulator } = await settingsRig();
    await expect(settings.write({ covp_rel: 3.7 })).rejects.toMatchObject({ code: "invalid-argument" });
    await expect(settings.write({ covp: 42 })).rejects.toMatchObject({ code: "invalid-argument" });
    expect(settingWrites(simulator.requests)).toEqual([]);
    expect(simulator.device.eeprom.saved.get(0x25)).toBe(3400);
  });

  it("the session of `batt jbd` carries the settings", async () => {
    const { host, device } = createMemoryLink();
    await Promise.all([host.open(), device.open()]);
    const sim = await plugin.simulate!(device, {});
    const session: DeviceSession = await plugin.connect(host, { timeout: "100", "save-pause": "0", gap: "0" });
    expect(session.settings?.formats?.map((f) => f.id)).toEqual(["json", "fig"]);
    expect((await session.settings!.read()).covp).toBe(3.65);
    await session.close();
    await sim.stop();
  });
});

describe("JBD settings files", () => {
  it("JSON backup: encode → decode gives the values back; decode takes a `batt jbd backup` document", async () => {
    const { settings, bms } = await settingsRig();
    const json = settings.formats.find((f) => f.id === "json")!;
    const values = await settings.read();
    const file = json.encode(values);
    const doc = JSON.parse(new TextDecoder().decode(file)) as JbdSettingsBackup;
    expect(doc).toMatchObject({ format: "batt-jbd-settings", version: 1, created: "2026-01-02T03:04:05.000Z" });
    expect(doc.settings.func_config).toBe(0x0034);
    expect(doc.settings.ntc_config).toBe(0x0003);
    expect(json.decode(file)).toEqual(values);

    // `batt jbd backup` prints the driver's document as JSON.
    const backup = await bms.exportSettings(undefined, CREATED);
    expect(json.decode(bytes(JSON.stringify(backup, null, 2)))).toEqual(values);
  });

  it("JSON backup: decode refuses what is not a backup or holds a bad value", async () => {
    const { settings, bms } = await settingsRig();
    const json = settings.formats[0]!;
    const backup = await bms.exportSettings(undefined, CREATED);
    const refused = (text: string) => expect(() => json.decode(bytes(text))).toThrow(expect.objectContaining({ code: "invalid-argument" }));
    refused("not json");
    refused(JSON.stringify({ format: "other" }));
    refused(JSON.stringify({ ...backup, settings: { ...backup.settings, covp: 9 } }));
    refused(JSON.stringify({ ...backup, settings: { ...backup.settings, covp_rel: 3.8 } }));
    refused(JSON.stringify({ ...backup, settings: { ...backup.settings, covp: 3.6505 } }));
  });

  it(".fig: encode gives JBDTools' raw registers, decode gives the values back", async () => {
    const { settings } = await settingsRig();
    const fig = settings.formats.find((f) => f.id === "fig")!;
    const values = await settings.read();
    const file = fig.encode(values);
    const text = new TextDecoder().decode(file);
    expect(text.startsWith("  FileCode               3838\r\r\n")).toBe(true);
    expect(text).toContain("\r\r\n  OverDisCurrent        50536\r\r\n"); // −150.00 A as u16
    expect(text).toContain("\r\r\n  HardChgOverCurrent        143\r\r\n"); // 0x38 byte0 = 0x8F
    expect(text).toContain("\r\r\n  BatteryConfig        52\r\r\n"); // 0x0034
    // The format has no keys for registers 0x42–0x47 (the newer capacity table); the rest comes back.
    const { cap_90, cap_70, cap_50, cap_30, cap_10, cap_100_new, ...inFig } = values;
    expect([cap_90, cap_70, cap_50, cap_30, cap_10, cap_100_new]).toEqual([3.35, 3.33, 3.31, 3.28, 3.2, 3.6]);
    expect(fig.decode(file)).toEqual(inFig);
    const { covp: _covp, ...missing } = values;
    expect(() => fig.encode(missing)).toThrow(expect.objectContaining({ code: "invalid-argument" }));
  });

  it(".fig: decodes a vendor-style file (CR LF CR LF, negative current, unknown key, one byte of a pair)", () => {
    const fig = new JbdDeviceSettings(undefined as never).formats[1]!;
    const values = fig.decode(bytes(VENDOR_FIG));
    expect(values).toMatchObject({
      ...VENDOR_FIG_SETTINGS,
      "func_config.switch": false,
      "func_config.loadLock": true,
      "func_config.balanceEnable": true,
    });
    expect(values.dsgoc_delay).toBeUndefined();
    expect(() => fig.decode(bytes("FileCode 3838\r\nCellOverVoltage 9000"))).toThrow(expect.objectContaining({ code: "invalid-argument" }));
    expect(() => fig.decode(bytes("hello"))).toThrow(expect.objectContaining({ code: "invalid-argument" }));
  });
});
