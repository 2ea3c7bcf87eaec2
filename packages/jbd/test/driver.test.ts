import { isBattError } from "@batt/core";
import { describe, expect, it } from "vitest";
import { rig } from "./helpers.js";

describe("JbdBms against the simulator: live data", () => {
  it("reads basic info, cells, name and error counters in SI units", async () => {
    const { bms } = await rig({
      pack: { cells: 4, chemistry: "lifepo4", capacity: 50, cellVoltages: [3.3, 3.31, 3.32, 3.33], ambient: 21.5, sensorOffsets: [0, 1.5], current: 0 },
      model: "JBD-SP04S034-L4S-200A-B-U",
    });
    const info = await bms.readBasicInfo();
    expect(info.cellCount).toBe(4);
    expect(info.nominalCapacity).toBe(50);
    expect(info.voltage).toBeCloseTo(13.26, 2);
    expect(info.temperatures).toEqual([21.5, 23]);
    expect(info.fet).toMatchObject({ charge: true, discharge: true });
    expect(info.manufactureDate).toBe("2022-03-28");
    expect(info.softwareVersion).toBe("8.0");
    expect(await bms.readCellVoltages()).toEqual([3.3, 3.31, 3.32, 3.33]);
    expect(await bms.readDeviceName()).toBe("JBD-SP04S034-L4S-200A-B-U");
    expect(await bms.readErrorCounters()).toMatchObject({ shortCircuit: 0, cellOvervoltage: 0 });
  });

  it("reports charge current as positive and discharge as negative", async () => {
    const { bms, simulator } = await rig({ pack: { current: 12.5 } });
    expect((await bms.readBasicInfo()).current).toBe(12.5);
    simulator.device.setCurrent(-20.12);
    expect((await bms.readBasicInfo()).current).toBe(-20.12);
  });

  it("decodes the extended tail of newer firmware", async () => {
    const { bms } = await rig({ extendedInfo: true, humidity: 61, alarms: 0x0400, pack: { capacity: 80 } });
    const info = await bms.readBasicInfo();
    expect(info).toMatchObject({ humidity: 61, alarmActive: ["cellVoltageDifference"], fullChargeCapacity: 80 });
  });

  it("reads the 24-byte error counters with the restart count", async () => {
    const { bms } = await rig({ restartCounter: true });
    expect((await bms.readErrorCounters()).systemRestarts).toBe(0);
  });

  it("reads the AFE chip when the firmware answers it, and surfaces 0x80 otherwise", async () => {
    expect(await (await rig({ afeChip: 6 })).bms.readAfeChip()).toEqual({ code: 6, name: "OZ3714" });
    await expect((await rig()).bms.readAfeChip()).rejects.toMatchObject({ code: "device-exception", context: { deviceCode: 0x80 } });
  });
});

describe("JbdBms against the simulator: settings", () => {
  it("reads every setting in factory mode and leaves factory mode", async () => {
    const { bms, simulator } = await rig({ pack: { chemistry: "lifepo4", cells: 4, capacity: 100 }, softwareVersion: 0x23 });
    const snapshot = await bms.readSettings();
    expect(snapshot.values).toMatchObject({ covp: 3.65, covp_rel: 3.4, cuvp: 2.5, design_cap: 100, cell_cnt: 4, chgot: 50, dsgut: -20, dsgoc: -150, chgoc: 100 });
    expect(snapshot.values.sc).toBe(100);
    expect(snapshot.values.sc_dsgoc_x2).toBe(true);
    expect(snapshot.values.mfg_name).toBe("JBD");
    expect(snapshot.unsupported).toEqual([]);
    expect(simulator.device.factoryMode).toBe(false);
    const last = simulator.requests.at(-1)!;
    expect([last.register, ...last.data]).toEqual([0x01, 0x00, 0x00]);
  });

  it("lists the capacity registers of older firmware as unsupported", async () => {
    const { bms } = await rig({ softwareVersion: 0x16 });
    const snapshot = await bms.readSettings();
    expect(snapshot.unsupported).toEqual(["cap_90", "cap_70", "cap_50", "cap_30", "cap_10", "cap_100_new"]);
    await expect(bms.readSetting("cap_90")).rejects.toMatchObject({ code: "unsupported" });
  });

  it("writes with read-back, saves to EEPROM, and reads the new value", async () => {
    const { bms, simulator } = await rig();
    const report = await bms.writeSettings({ covp: 3.6, covp_delay: 5, chgot: 55 });
    expect(report).toMatchObject({ written: ["covp", "covp_delay", "chgot"], unchanged: [], saved: true });
    expect(await bms.readSetting("covp")).toBe(3.6);
    expect(simulator.device.eeprom.saved.get(0x24)).toBe(3600);
    expect(simulator.device.eeprom.saved.get(0x3d)).toBe(0x0205);
    expect(simulator.device.factoryMode).toBe(false);
    const exits = simulator.requests.filter((r) => r.kind === "write" && r.register === 0x01).map((r) => [...r.data]);
    expect(exits).toContainEqual([0x28, 0x28]);
  });

  it("changes one byte field without touching its partner", async () => {
    const { bms, simulator } = await rig();
    await bms.writeSettings({ sc_rel: 9, cuvp_high_delay: 16 });
    expect(simulator.device.eeprom.get(0x39)).toBe((0xd0 << 8) | 9);
    expect((await bms.readSettings(["covp_high_delay"])).values.covp_high_delay).toBe(2);
  });

  it("skips unchanged values: no register write, but still the saving exit (live values may be unsaved)", async () => {
    const { bms, simulator } = await rig();
    const report = await bms.writeSettings({ covp: 3.65, cell_cnt: 4 });
    expect(report).toMatchObject({ written: [], unchanged: ["covp", "cell_cnt"], saved: true });
    expect(simulator.requests.some((r) => r.kind === "write" && r.register === 0x24)).toBe(false);
    expect(simulator.requests.some((r) => r.kind === "write" && r.register === 0x01 && r.data[0] === 0x28)).toBe(true);
  });

  it("validates ranges before sending anything", async () => {
    const { bms, simulator } = await rig();
    for (const [name, value] of [
      ["covp", 5.5],
      ["chgot", 150],
      ["dsgoc", 10],
      ["chgoc", -1],
      ["cell_cnt", 33],
      ["covp_delay", 256],
      ["sc", 50],
      ["mfg_date", "2022-13-01"],
      ["mfg_name", "x".repeat(32)],
      ["sc_dsgoc_x2", 1],
      ["nonsense", 1],
    ] as const) {
      const error = await bms.writeSettings({ [name]: value }).catch((e: unknown) => e);
      expect(isBattError(error, "invalid-argument"), `${name}=${String(value)}`).toBe(true);
    }
    expect(simulator.counters.requests).toBe(0);
  });

  it("refuses a release value on the unsafe side of its threshold, leaving the BMS untouched", async () => {
    const { bms, simulator } = await rig();
    await expect(bms.writeSettings({ covp_rel: 3.7 })).rejects.toMatchObject({ code: "invalid-argument", message: expect.stringMatching(/covp_rel/) });
    await expect(bms.writeSettings({ cuvp: 3.0 })).rejects.toMatchObject({ code: "invalid-argument" });
    expect(simulator.device.eeprom.get(0x25)).toBe(3400);
    expect(simulator.device.factoryMode).toBe(false);
    expect(simulator.requests.some((r) => r.kind === "write" && r.register >= 0x10 && r.register < 0xa3)).toBe(false);
    // Both sides changed together are checked on the merged values.
    await expect(bms.writeSettings({ covp: 3.55, covp_rel: 3.45 })).resolves.toMatchObject({ saved: true });
  });

  it("writes strings", async () => {
    const { bms, simulator } = await rig();
    await bms.writeSettings({ device_name: "Garage pack", barcode: "" });
    expect(await bms.readSettings(["device_name", "barcode"])).toMatchObject({ values: { device_name: "Garage pack", barcode: "" } });
    expect(simulator.device.eeprom.saved.get(0xa1)).toBe("Garage pack");
  });

  it("without save, writes last until the BMS restarts", async () => {
    const { bms, simulator } = await rig();
    await bms.writeSettings({ covp: 3.6 }, { save: false });
    expect(simulator.device.eeprom.get(0x24)).toBe(3600);
    simulator.device.powerCycle();
    expect(await bms.readSetting("covp")).toBe(3.65);
  });

  it("reports a write that does not read back as verify-failed, and still leaves factory mode", async () => {
    const { bms, simulator } = await rig();
    const device = simulator.device;
    const original = device.handle.bind(device);
    // Firmware that acknowledges the write but keeps the old value.
    device.handle = (request) => (request.kind === "write" && request.register === 0x24 ? { register: 0x24, status: 0, data: new Uint8Array(0) } : original(request));
    const error = await bms.writeSettings({ covp: 3.6 }).catch((e: unknown) => e);
    expect(isBattError(error, "verify-failed")).toBe(true);
    expect((error as { context: Record<string, unknown> }).context).toMatchObject({ written: [], uncertain: ["covp"], saved: false });
    expect(device.factoryMode).toBe(false);
  });

  it("honours the pause after a saving exit before the next request", async () => {
    const { bms, simulator } = await rig({}, { pauseAfterSaveMs: 120 });
    await bms.writeSettings({ covp: 3.6 });
    const started = performance.now();
    await bms.readBasicInfo();
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
    expect(simulator.requests.at(-1)!.register).toBe(0x03);
  });
});

describe("JbdBms against the simulator: passwords", () => {
  it("sends the password only when factory entry is refused", async () => {
    const { bms, simulator } = await rig({ softwareVersion: 0x17, password: "765828" }, { password: "765828" });
    expect(await bms.readSetting("covp")).toBe(3.65);
    const registers = simulator.requests.map((r) => r.register);
    expect(registers.slice(0, 3)).toEqual([0x00, 0x06, 0x00]);
    const pw = simulator.requests[1]!;
    expect([...pw.data]).toEqual([6, 7, 6, 5, 8, 2, 8]);
  });

  it("a wrong password fails with the device's status; without a password the refusal stands", async () => {
    const wrong = await rig({ softwareVersion: 0x17, password: "765828" }, { password: "111111" });
    await expect(wrong.bms.readSetting("covp")).rejects.toMatchObject({ code: "device-exception", context: { deviceCode: 0x81 } });
    const none = await rig({ softwareVersion: 0x17, password: "765828" });
    await expect(none.bms.readSetting("covp")).rejects.toMatchObject({ code: "device-exception", context: { deviceCode: 0x81, register: 0 } });
  });

  it("ASCII encoding is configurable", async () => {
    const { bms, simulator } = await rig(
      { softwareVersion: 0x17, password: "abc123", passwordEncoding: "ascii" },
      { password: "abc123", passwordEncoding: "ascii" },
    );
    expect(await bms.readSetting("cell_cnt")).toBe(4);
    expect(simulator.device.authenticated).toBe(true);
  });

  it("firmware without PIN answers 0x06 with 0x80: treated as no password needed", async () => {
    const { bms } = await rig({ softwareVersion: 0x21 });
    expect(await bms.usePassword("000000")).toBe(false);
  });

  it("changes and clears the password", async () => {
    const { bms, simulator } = await rig({ softwareVersion: 0x17, password: "765828" });
    await bms.setPassword("765828", "123456");
    expect(simulator.device.password).toBe("123456");
    await expect(bms.setPassword("000000", "111111")).rejects.toMatchObject({ code: "device-exception" });
    await bms.clearPassword();
    expect(simulator.device.password).toBeUndefined();
    expect(await bms.readSetting("cell_cnt")).toBe(4);
  });
});

describe("JbdBms against the simulator: control", () => {
  it("switches the charge MOSFET off with a bare 0xE1 and the plain exit, and back on", async () => {
    const { bms, simulator } = await rig();
    const off = await bms.setMosfet({ charge: false });
    expect(off).toMatchObject({ mask: 1, fet: { charge: false, discharge: true }, softwareLock: true, confirmed: true, wrapped: false });
    const writes = simulator.requests.filter((r) => r.kind === "write").map((r) => [r.register, ...r.data]);
    expect(writes).toEqual([
      [0xe1, 0, 1],
      [0x01, 0, 0],
    ]);
    // The other side keeps its state: discharge off now leaves charge off too.
    expect(await bms.setMosfet({ discharge: false })).toMatchObject({ mask: 3, fet: { charge: false, discharge: false } });
    expect(await bms.setMosfet({ charge: true, discharge: true })).toMatchObject({ mask: 0, softwareLock: false, fet: { charge: true, discharge: true }, confirmed: true });
  });

  it("falls back to a factory-mode wrapped write when the bare one is refused", async () => {
    const { bms, simulator } = await rig({ mosfetRequiresFactory: true });
    const result = await bms.setMosfet({ discharge: false });
    expect(result).toMatchObject({ mask: 2, wrapped: true, confirmed: true, fet: { discharge: false } });
    expect(simulator.device.factoryMode).toBe(false);
  });

  it("reports, not hides, a MOSFET the BMS keeps off because of a protection", async () => {
    const { bms, simulator } = await rig({ pack: { sensorOffsets: [55, 0] } }) // NTC 1 at 80 °C;
    simulator.step(10_000);
    const result = await bms.setMosfet({ discharge: true });
    expect(result.fet.discharge).toBe(false);
    expect(result.otherProtections).toContain("dischargeOvertemperature");
  });

  it("balance test: odd cells balance until factory mode is entered and left again", async () => {
    const { bms } = await rig({ pack: { cells: 5 } });
    await bms.balanceTest("odd");
    expect((await bms.readBasicInfo()).balancing).toEqual([true, false, true, false, true]);
    await bms.endBalanceTest();
    expect((await bms.readBasicInfo()).balancing).toEqual([false, false, false, false, false]);
  });

  it("0x0A: reset capacity re-estimates SOC; clear protection; older firmware answers 0x80", async () => {
    const { bms, simulator } = await rig({ pack: { soc: 50, capacity: 100 } });
    simulator.device.remainingCapacity = 10;
    expect((await bms.readBasicInfo()).soc).toBe(10);
    await bms.control("resetCapacity");
    expect((await bms.readBasicInfo()).soc).toBe(50);
    await bms.control("clearProtection");
    expect(simulator.device.controlLog).toEqual([1, 4]);
    const old = await rig({ controlSupported: false });
    await expect(old.bms.control("resetCapacity")).rejects.toMatchObject({ code: "device-exception", context: { deviceCode: 0x80 } });
  });

  it("calibrates a cell voltage, an NTC and the remaining capacity in factory mode", async () => {
    const { bms, simulator } = await rig({ pack: { cellVoltages: [3.3, 3.3, 3.3, 3.3], sensorOffsets: [0] } });
    await bms.calibrate({ kind: "cellVoltage", cell: 2, voltage: 3.312 });
    await bms.calibrate({ kind: "temperature", ntc: 1, temperature: 24 });
    await bms.calibrate({ kind: "remainingCapacity", capacity: 42.5 });
    expect((await bms.readCellVoltages())[1]).toBe(3.312);
    const info = await bms.readBasicInfo();
    expect(info.temperatures).toEqual([24]);
    expect(info.remainingCapacity).toBe(42.5);
    expect(simulator.device.factoryMode).toBe(false);
    await expect(bms.calibrate({ kind: "cellVoltage", cell: 33, voltage: 3.3 })).rejects.toMatchObject({ code: "invalid-argument" });
  });
});
