import { describe, expect, it } from "vitest";
import { exportFig, importFig, JBD_SETTINGS, parseBackup, type JbdSettingsBackup } from "../src/index.js";
import { rig } from "./helpers.js";
import { VENDOR_FIG, VENDOR_FIG_SETTINGS } from "./vendor-fig.js";

describe("backup and restore", () => {
  it("backup → change → restore writes only what changed, returns the diff, and reads back", async () => {
    const { bms, simulator } = await rig({ model: "JBD-SP04S034-L4S-200A-B-U", softwareVersion: 0x23 });
    const backup = await bms.exportSettings(undefined, new Date("2024-05-01T10:00:00Z"));
    expect(backup).toMatchObject({
      format: "batt-jbd-settings",
      version: 1,
      created: "2024-05-01T10:00:00.000Z",
      device: { name: "JBD-SP04S034-L4S-200A-B-U", softwareVersion: "2.3", manufactureDate: "2022-03-28", cellCount: 4 },
    });
    expect(Object.keys(backup.settings)).toEqual(JBD_SETTINGS.map((d) => d.name));
    // The document survives JSON.
    const text = JSON.stringify(backup);

    await bms.writeSettings({ covp: 3.55, covp_rel: 3.35, chgot: 45, device_name: "changed", sc_rel: 7 });
    const before = simulator.requests.length;

    const result = await bms.restoreSettings(JSON.parse(text));
    expect(result.diff).toEqual([
      { name: "chgot", from: 45, to: 50 },
      { name: "covp", from: 3.55, to: 3.65 },
      { name: "covp_rel", from: 3.35, to: 3.4 },
      { name: "sc_rel", from: 7, to: 5 },
      { name: "device_name", from: "changed", to: backup.settings.device_name },
    ]);
    expect(result.skipped).toEqual([]);
    expect(result.report).toMatchObject({ saved: true, unchanged: [] });
    expect([...result.report!.written].sort()).toEqual(["chgot", "covp", "covp_rel", "device_name", "sc_rel"]);

    const writes = simulator.requests.slice(before).filter((r) => r.kind === "write" && r.register >= 0x10 && r.register <= 0xa2);
    expect(writes.map((w) => w.register).sort((a, b) => a - b)).toEqual([0x18, 0x24, 0x25, 0x39, 0xa1]);
    expect((await bms.readSettings()).values).toEqual(backup.settings);
    expect(simulator.device.factoryMode).toBe(false);
  });

  it("a dry run reports the diff and writes nothing; an identical backup writes nothing", async () => {
    const { bms, simulator } = await rig();
    const backup = await bms.exportSettings();
    const same = await bms.restoreSettings(backup);
    expect(same).toEqual({ diff: [], skipped: [] });
    const changed = { ...backup, settings: { ...backup.settings, cuvp: 2.6 } };
    const before = simulator.requests.length;
    const dry = await bms.restoreSettings(changed, { dryRun: true });
    expect(dry.diff).toEqual([{ name: "cuvp", from: 2.5, to: 2.6 }]);
    expect(dry.report).toBeUndefined();
    expect(simulator.requests.slice(before).some((r) => r.kind === "write" && r.register === 0x26)).toBe(false);
  });

  it("excluded settings and settings the BMS lacks are left alone", async () => {
    const source = await rig({ softwareVersion: 0x23 });
    const backup = await source.bms.exportSettings();
    const target = await rig({ softwareVersion: 0x16, cycles: 12 });
    const result = await target.bms.restoreSettings(backup, { exclude: ["cycle_cnt"] });
    expect(result.skipped).toEqual(["cap_90", "cap_70", "cap_50", "cap_30", "cap_10", "cap_100_new"]);
    expect(result.diff.map((d) => d.name)).not.toContain("cycle_cnt");
    expect(await target.bms.readSetting("cycle_cnt")).toBe(12);
  });

  it("rejects an invalid document before touching the BMS", async () => {
    const { bms, simulator } = await rig();
    const backup = await bms.exportSettings();
    const before = simulator.requests.length;
    await expect(bms.restoreSettings({ ...backup, settings: { ...backup.settings, covp: 9 } })).rejects.toMatchObject({ code: "invalid-argument" });
    await expect(bms.restoreSettings({ ...backup, settings: { bogus: 1 } })).rejects.toMatchObject({ code: "invalid-argument" });
    await expect(bms.restoreSettings({ format: "other" })).rejects.toMatchObject({ code: "invalid-argument" });
    expect(simulator.requests.length).toBe(before);
    expect(() => parseBackup(JSON.parse(JSON.stringify(backup)) as JbdSettingsBackup)).not.toThrow();
  });
});

describe("JBDTools .fig files", () => {
  it("export → import round-trips every register", async () => {
    const { bms } = await rig();
    const snapshot = await bms.readSettings();
    const text = exportFig(snapshot.registers);
    expect(text.startsWith("  FileCode               3838\r\r\n")).toBe(true);
    expect(text).toContain("\r\r\n  OverDisCurrent        50536\r\r\n"); // −150.00 A as u16
    expect(text).toContain("\r\r\n  HardChgOverCurrent        143\r\r\n"); // 0x38 byte0 = 0x8F
    expect(text).toContain("\r\r\n  ManufacturerName       JBD\r\r\n");
    const back = importFig(text);
    expect(back.unknownKeys).toEqual([]);
    expect(back.incomplete).toEqual([]);
    for (const [address, value] of back.registers) expect(snapshot.registers[address]).toBe(value);
    expect(back.settings.dsgoc).toBe(-150);
  });

  it("imports a vendor-style file with CR LF CR LF, negative currents, unknown keys and GPS keys", () => {
    const fig = importFig(VENDOR_FIG);
    expect(fig.unknownKeys).toEqual(["SomethingNew"]);
    expect(fig.incomplete).toEqual([0x3f]);
    expect(fig.settings).toMatchObject(VENDOR_FIG_SETTINGS);
    expect(fig.settings.dsgoc_delay).toBeUndefined();
  });

  it("refuses text that is not a .fig file or holds non-integers", () => {
    expect(() => importFig("hello")).toThrow(expect.objectContaining({ code: "invalid-argument" }));
    expect(() => importFig("FileCode 3838\nCellOverVoltage 3.65")).toThrow(expect.objectContaining({ code: "invalid-argument" }));
  });
});
