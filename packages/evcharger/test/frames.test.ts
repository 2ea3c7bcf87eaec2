import { fromHex, systemClock, type Clock } from "@batt/core";
import { describe, expect, it } from "vitest";
import { describeChargerFrames } from "../src/index.js";
import { failure, rtu, scripted, words } from "./support.js";

const SEED_FILE = "618.00360.00_HYB_1P_DSP_V1.22_20211216.usb";
const nameHex = (name: string, pad: number): string => [...name].map((c) => c.charCodeAt(0).toString(16).padStart(2, "0")).join(" ") + " 00".repeat(pad);

// Frames of docs/protocols/evcharger.md#upgrade-procedure and docs/protocols/evcharger.md#example-frames, byte for byte.
describe("literal frames of docs/protocols/evcharger.md#example-frames", () => {
  it("decodes the phase-voltage read of an X3-EVC (evcc #13202, RTU form)", () => {
    const [request, reply] = describeChargerFrames(fromHex("46 04 00 00 00 03 BF 7C 46 04 06 5D 3E 5D 7B 5D 81 C8 AD"));
    expect(request).toMatchObject({ role: "request", unit: 70, function: "0x04 read-input-registers", address: 0, count: 3, registers: ["voltageL1", "voltageL2", "voltageL3"] });
    expect(reply).toMatchObject({ role: "reply", values: [0x5d3e, 0x5d7b, 0x5d81], fields: { voltageL1: 238.7, voltageL2: 239.31, voltageL3: 239.37 } });
  });

  it("decodes the 12.00 A current write and its echo", () => {
    const [write, echo] = describeChargerFrames(fromHex("46 06 06 28 04 B0 05 49 46 06 06 28 04 B0 05 49"));
    expect(write).toMatchObject({ role: "request", fields: { maxCurrent: 12 } });
    expect(echo).toMatchObject({ role: "reply", fields: { maxCurrent: 12 } });
  });

  it.each([
    ["46 04 00 00 00 2D 3F 60", { address: 0, count: 45 }],
    ["46 03 06 00 00 07 0B F7", { address: 0x0600, count: 7, registers: ["serialNumber"] }],
    ["46 03 06 0C 00 1D 4A 3F", { address: 0x060c, count: 29 }],
    ["46 06 06 27 00 04 37 FD", { fields: { controlCommand: { value: 4, name: "startCharging" } } }],
    ["46 06 06 27 00 03 76 3F", { fields: { controlCommand: { value: 3, name: "stopCharging" } } }],
    ["46 06 06 0D 00 01 D6 36", { fields: { deviceMode: { value: 1, name: "fast" } } }],
    ["46 10 06 27 00 02 04 00 04 0C 80 91 25", { count: 2, fields: { controlCommand: { value: 4, name: "startCharging" }, maxCurrent: 32 } }],
    ["46 03 30 A7 00 01 35 9E", { address: 0x30a7, registers: ["iapState"] }],
  ])("%s", (hex, expected) => {
    expect(describeChargerFrames(fromHex(hex))[0]).toMatchObject({ role: "request", unit: 70, ...expected });
  });

  it("decodes the write replies of the reference and the seed", () => {
    expect(describeChargerFrames(fromHex("46 10 06 27 00 02 FE 3C"))[0]).toMatchObject({ role: "reply", address: 0x0627, count: 2 });
    for (const [hex, address, count] of [
      ["01 10 30 02 00 05 AE CA", 0x3002, 5],
      ["01 10 30 10 00 0F 8E C8", 0x3010, 15],
      ["01 10 30 AA 00 19 2E E3", 0x30aa, 25],
      ["01 10 30 1F 00 79 3F 2D", 0x301f, 121],
    ] as const) {
      expect(describeChargerFrames(fromHex(hex))[0]).toMatchObject({ role: "reply", unit: 1, function: "0x10 write-multiple-registers", address, count });
    }
  });

  it("decodes the corrected upgrade frames; the seed's one-byte-short versions do not verify", () => {
    const step1 = describeChargerFrames(fromHex("01 10 30 02 00 05 0A 00 00 00 02 00 1E 00 00 00 01 78 2C"))[0];
    expect(step1?.fields).toMatchObject({ iapProtocol: { value: 0 }, upgradeModule: { value: 2, name: "MDSP" }, upgradeTimeout: 30, upgradeKey: 1 });
    const charger = describeChargerFrames(fromHex("46 10 30 02 00 05 0A 00 00 00 0A 00 1E 00 00 00 01 72 09"))[0];
    expect(charger?.fields).toMatchObject({ upgradeModule: { value: 10, name: "EVC" } });
    const step3 = describeChargerFrames(fromHex(`01 10 30 AA 00 19 32 ${nameHex(SEED_FILE, 8)} E9 D1`))[0];
    expect(step3?.fields).toEqual({ fileName: SEED_FILE });

    expect(() => describeChargerFrames(fromHex("01 10 30 02 00 05 0A 00 00 00 00 1E 00 00 00 01 78 2C"))).toThrow();
    expect(() => describeChargerFrames(fromHex(`01 10 30 AA 00 19 32 ${nameHex(SEED_FILE, 7)} E9 D1`))).toThrow();
  });
});

/** 45 input words (0x0000–0x002C) with the given values. */
function inputBlock(values: Readonly<Record<number, number>>): string {
  return words(Array.from({ length: 45 }, (_, i) => values[i] ?? 0));
}

/** The 32-bit cases: the same words decoded per generation (docs/protocols/evcharger.md#32-bit-word-order). */
const WORD_ORDER_CASE = { 0x10: 0x0001, 0x11: 0x2345, 0x1d: 2, 0x1e: 0x0000, 0x1f: 0x0005, 0x2b: 0x0000, 0x2c: 0x0e10, 0x21: 1, 0x22: 1, 0x25: 118 };

describe("32-bit word order per register and generation", () => {
  it("first generation: input EQ_Total, fault code and charging time high word first", async () => {
    const { charger, sent } = await scripted({ "46 04 00 00 00 2D 3F 60": rtu(`46 04 5A ${inputBlock(WORD_ORDER_CASE)}`) }, { generation: "g1" });
    const status = await charger.readStatus();
    expect(sent).toEqual(["46 04 00 00 00 2d 3f 60"]);
    expect(status.totalEnergy).toBe(7_456_500); // 0x00012345 × 0.1 kWh, in Wh
    expect(status.faultCode).toEqual({ value: 5, bits: [0, 2], names: ["powerSelect", "l1Overvoltage"] });
    expect(status.chargingTime).toBe(3600);
    expect(status.firmwareVersion).toBe(1.18);
    expect(status.state).toEqual({ value: 2, name: "Charging" });
  });

  it("second generation: low word first, so first-generation words read 65536× too large and raise a warning", async () => {
    const { charger } = await scripted(
      {
        [rtu("46 04 00 00 00 31")]: rtu(`46 04 62 ${inputBlock(WORD_ORDER_CASE)} ${words([1, 0, 0, 0])}`),
        [rtu("46 03 06 00 00 0C")]: rtu(`46 03 18 ${words(new Array<number>(12).fill(0))}`),
        "46 03 06 0C 00 1D 4A 3F": rtu(`46 03 3A ${words([0, 1, 1, 1, 0, 270, 150, 0, 40, 0, 0, 0, 0, 0x2345, 0x0001, ...new Array<number>(14).fill(0)])}`),
        [rtu("46 03 06 29 00 18")]: rtu("46 83 02"), // firmware before V2.3 of the document
        [rtu("46 03 06 00 00 6A")]: rtu("46 83 02"), // so the whole settings span is refused too
        [rtu("46 03 06 68 00 02")]: rtu(`46 03 04 ${words([1600, 0])}`),
      },
      { generation: "g2" },
    );
    const reading = await charger.readAll();
    expect(reading.status.totalEnergy).toBe(0x23450001 * 100);
    expect(reading.status.lockState).toEqual({ value: 1, name: "locked" });
    expect(reading.settings.totalEnergy).toBe(7_456_500); // holding copy: low word first on both
    expect(reading.warnings).toEqual([expect.stringMatching(/input totalEnergy.*implausible; high-first would give 7456500 Wh/)]);
    expect(reading.unavailable).toEqual(expect.arrayContaining(["customizedSerialNumber", "slaveAddress"]));
    expect(reading.unavailable).not.toContain("maxCurrent");
  });

  it("each register's order can be overridden", async () => {
    const { charger } = await scripted({ "46 04 00 00 00 2D 3F 60": rtu(`46 04 5A ${inputBlock(WORD_ORDER_CASE)}`) }, { generation: "g1", wordOrders: { chargingTime: "low-first" } });
    const status = await charger.readStatus();
    expect(status.chargingTime).toBe(0x0e100000);
    expect(status.totalEnergy).toBe(7_456_500);
  });
});

describe("the driver sends the frames of docs/protocols/evcharger.md#derived-request-frames", () => {
  it("detects the generation from 46 03 06 00 00 07 0B F7 and the firmware, then reads 0x0000 × 45", async () => {
    const { charger, sent } = await scripted({
      "46 03 06 00 00 07 0B F7": rtu(`46 03 0E ${words([0x4333, 0x3131, 0x4131, 0x4232, 0x4333, 0x4434, 0x4535])}`),
      [rtu("46 04 00 25 00 01")]: rtu(`46 04 02 ${words([118])}`),
      "46 04 00 00 00 2D 3F 60": rtu(`46 04 5A ${inputBlock(WORD_ORDER_CASE)}`),
    });
    expect(await charger.generation()).toBe("g1");
    expect((await charger.readStatus()).totalEnergy).toBe(7_456_500);
    expect(sent).toEqual(["46 03 06 00 00 07 0b f7", rtu("46 04 00 25 00 01").toLowerCase(), "46 04 00 00 00 2d 3f 60"]);
  });

  it("starts with 46 06 06 27 00 04 37 FD and stops with 46 06 06 27 00 03 76 3F, reading the state after each", async () => {
    const { charger, sent } = await scripted(
      {
        "46 06 06 27 00 04 37 FD": "46 06 06 27 00 04 37 FD",
        "46 06 06 27 00 03 76 3F": "46 06 06 27 00 03 76 3F",
        [rtu("46 04 00 1D 00 01")]: [rtu("46 04 02 00 02"), rtu("46 04 02 00 03")],
      },
      { generation: "g1" },
    );
    expect(await charger.startCharging()).toEqual({ command: "startCharging", state: "Charging", confirmed: true });
    expect(await charger.stopCharging()).toEqual({ command: "stopCharging", state: "Finishing", confirmed: true });
    expect(sent.filter((s) => s.startsWith("46 06"))).toEqual(["46 06 06 27 00 04 37 fd", "46 06 06 27 00 03 76 3f"]);
  });

  it("sets 12.00 A with 46 06 06 28 04 B0 05 49 after checking the rating, and reads it back", async () => {
    const { charger, sent } = await scripted(
      {
        [rtu("46 04 00 21 00 01")]: rtu("46 04 02 00 02"),
        [rtu("46 03 06 28 00 01")]: [rtu("46 03 02 06 40"), rtu("46 03 02 04 B0")],
        "46 06 06 28 04 B0 05 49": "46 06 06 28 04 B0 05 49",
      },
      { generation: "g1" },
    );
    expect(await charger.setChargeCurrent(12)).toEqual({ name: "maxCurrent", previous: 16, value: 12, written: true });
    expect(sent).toContain("46 06 06 28 04 b0 05 49");
  });

  it("reports verify-failed when the charger acknowledges the current but keeps the old one (evcc #13202)", async () => {
    const { charger } = await scripted(
      {
        [rtu("46 04 00 21 00 01")]: rtu("46 04 02 00 02"),
        [rtu("46 03 06 28 00 01")]: rtu("46 03 02 06 40"),
        "46 06 06 28 04 B0 05 49": "46 06 06 28 04 B0 05 49",
      },
      { generation: "g1" },
    );
    expect(await failure(charger.setChargeCurrent(12))).toMatchObject({ code: "verify-failed" });
  });

  it("switches to Fast with 46 06 06 0D 00 01 D6 36", async () => {
    const { charger, sent } = await scripted(
      { [rtu("46 03 06 0D 00 01")]: [rtu("46 03 02 00 02"), rtu("46 03 02 00 01")], "46 06 06 0D 00 01 D6 36": "46 06 06 0D 00 01 D6 36" },
      { generation: "g1" },
    );
    expect(await charger.setMode("fast")).toEqual({ name: "deviceMode", previous: { value: 2, name: "eco" }, value: { value: 1, name: "fast" }, written: true });
    expect(sent).toContain("46 06 06 0d 00 01 d6 36");
  });
});

/** Real timers (the RTU link's silences need them) and a fixed wall time for the reading's time stamp. */
const EVENING: Clock = { ...systemClock, wallTime: () => Date.UTC(2026, 2, 1, 18, 30) };

describe("read(): the shared reading from literal replies", () => {
  it("turns the input block and the settings into the charger's SI measurements and identity (no battery)", async () => {
    // Charging three-phase at 16 A: 230.00 V and 3680 W per phase, 11040 W, 50.00 Hz, session 1.2 kWh in 385 s,
    // lifetime 0x00012345 × 0.1 kWh (high word first on G1), PCB 38 °C, CP 6.00 V, grid 11440 W, 11 kW class, firmware 1.18.
    const input = inputBlock({
      ...{ 0x00: 23000, 0x01: 23000, 0x02: 23000, 0x04: 1600, 0x05: 1600, 0x06: 1600, 0x08: 3680, 0x09: 3680, 0x0a: 3680, 0x0b: 11040 },
      ...{ 0x0c: 5000, 0x0d: 5000, 0x0e: 5000, 0x0f: 12, 0x10: 0x0001, 0x11: 0x2345, 0x18: 11440, 0x1a: 600, 0x1c: 38, 0x1d: 2 },
      ...{ 0x21: 1, 0x22: 1, 0x25: 118, 0x2c: 385 },
    });
    const serial = [0x4333, 0x3131, 0x4131, 0x4232, 0x4333, 0x4434, 0x4535]; // "C311A1B2C3D4E5"
    const settings = new Array<number>(0x1d).fill(0);
    settings[0x060d - 0x060c] = 1; // fast
    settings[0x0628 - 0x060c] = 1600; // 16.00 A
    const { charger } = await scripted(
      {
        "46 04 00 00 00 2D 3F 60": rtu(`46 04 5A ${input}`),
        [rtu("46 03 06 00 00 0C")]: rtu(`46 03 18 ${words([...serial, 0, 0, 0, 0, 0])}`),
        "46 03 06 0C 00 1D 4A 3F": rtu(`46 03 3A ${words(settings)}`),
        [rtu("46 03 06 29 00 18")]: rtu("46 83 02"),
        [rtu("46 03 06 00 00 41")]: rtu("46 83 02"), // older firmware refuses the whole span: read in the blocks it answers
      },
      { generation: "g1", clock: EVENING },
    );
    const reading = await charger.read();
    expect(reading.time).toBe("2026-03-01T18:30:00.000Z");
    expect(reading.device).toEqual({ driver: "evcharger", category: "ev-charger", manufacturer: "SolaX", model: "X3-EVC-11kW", serial: "C311A1B2C3D4E5", firmware: "1.18", address: 70 });
    expect(reading.batteries).toEqual([]);
    expect(Object.fromEntries(reading.measurements.map((m) => [m.key, [m.value, m.unit ?? null]]))).toEqual({
      state: ["Charging", null],
      voltage_l1: [230, "V"],
      current_l1: [16, "A"],
      power_l1: [3680, "W"],
      voltage_l2: [230, "V"],
      current_l2: [16, "A"],
      power_l2: [3680, "W"],
      voltage_l3: [230, "V"],
      current_l3: [16, "A"],
      power_l3: [3680, "W"],
      total_power: [11040, "W"],
      session_energy: [1200, "Wh"],
      total_energy: [7_456_500, "Wh"],
      charging_time: [385, "s"],
      frequency: [50, "Hz"],
      temperature: [38, "°C"],
      grid_power: [11440, "W"],
      cp_voltage: [6, "V"],
      fault_count: [0, null],
      charge_current: [16, "A"],
      mode: ["fast", null],
    });
    expect(reading.measurements.find((m) => m.key === "total_energy")).toMatchObject({ kind: "energy", stateClass: "total_increasing" });
    expect(reading.measurements.find((m) => m.key === "state")).toMatchObject({ kind: "enum", options: expect.arrayContaining(["Available", "Charging", "Faulted"]) });
    expect(reading.reading).toMatchObject({ address: 70, generation: "g1", status: { state: { value: 2, name: "Charging" } }, warnings: [] });
    expect(await charger.identify()).toBe(reading.device);
  });

  it("identify() reads the serial number and input 0x0021–0x0025 once", async () => {
    const { charger, sent } = await scripted(
      {
        [rtu("46 04 00 21 00 05")]: rtu(`46 04 0A ${words([0, 0, 0, 0, 707])}`),
        "46 03 06 00 00 07 0B F7": rtu(`46 03 0E ${words([0x3530, 0x3342, 0x3041, 0x3142, 0x3243, 0x3344, 0x3445])}`),
      },
      { generation: "g2" },
    );
    const identity = await charger.identify();
    expect(identity).toEqual({ driver: "evcharger", category: "ev-charger", manufacturer: "SolaX", model: "X1-HAC-6kW", serial: "503B0A1B2C3D4E", firmware: "7.07", address: 70 });
    expect(await charger.identify()).toBe(identity);
    expect(sent).toHaveLength(2);
  });
});
