import { fromHex, systemClock, type Clock } from "@batt/core";
import { describe, expect, it } from "vitest";
import { describeVoltaicFrames, VOLTAIC_INPUT_REGISTERS } from "../src/index.js";
import { failure, rtu, scripted, words } from "./support.js";

// Frames of docs/protocols/voltaic.md#frames and docs/protocols/voltaic.md#request-frames, byte for byte.
describe("literal request frames of docs/protocols/voltaic.md#request-frames", () => {
  it.each([
    ["01 04 30 A0 00 01 3E E8", 0x30a0, 1, ["batteryVoltage"]],
    ["01 04 30 A0 00 03 BF 29", 0x30a0, 3, ["batteryVoltage", "environmentTemperature"]],
    ["01 04 30 A2 00 01 9F 28", 0x30a2, 1, ["environmentTemperature"]],
    ["01 04 30 37 00 01 8F 04", 0x3037, 1, ["controllerTemperature"]],
    ["01 04 30 35 00 01 2E C4", 0x3035, 1, ["loadStatus"]],
    ["01 04 30 45 00 0B AF 18", 0x3045, 11, ["batterySoc", "batteryVoltageRealtime", "batteryCurrent", "loadVoltage", "loadCurrent", "loadPower", "pvVoltage", "pvCurrent"]],
    ["01 04 30 46 00 02 9F 1E", 0x3046, 2, ["batteryVoltageRealtime", "batteryCurrent"]],
    // × 3 reads the power's low word only: the 32-bit field is not named (docs/protocols/voltaic.md#lumiax-family-registers).
    ["01 04 30 4A 00 03 9E DD", 0x304a, 3, ["loadVoltage", "loadCurrent"]],
    ["01 04 30 4E 00 03 DF 1C", 0x304e, 3, ["pvVoltage", "pvCurrent"]],
    ["01 04 30 4A 00 04 DF 1F", 0x304a, 4, ["loadVoltage", "loadCurrent", "loadPower"]],
    ["01 04 30 4E 00 04 9E DE", 0x304e, 4, ["pvVoltage", "pvCurrent", "pvPower"]],
    ["01 04 30 52 00 06 DE D9", 0x3052, 6, ["pvEnergyToday", "pvEnergyTotal", "loadEnergyToday", "loadEnergyTotal"]],
    ["01 04 30 30 00 2B BF 1A", 0x3030, 43, Object.keys(VOLTAIC_INPUT_REGISTERS.fields).filter((n) => VOLTAIC_INPUT_REGISTERS.fields[n as "loadStatus"].address < 0x3060)],
  ] as const)("%s reads %i × %i", (hex, address, count, registers) => {
    const [frame] = describeVoltaicFrames(fromHex(hex));
    expect(frame).toMatchObject({ role: "request", unit: 1, function: "0x04 read-input-registers", address, count });
    expect(frame!.registers).toEqual(registers);
  });

  it("decodes the BLE tool's wildcard read FE 04 30 30 00 2B AB 15", () => {
    expect(describeVoltaicFrames(fromHex("FE 04 30 30 00 2B AB 15"))[0]).toMatchObject({ unit: 0xfe, address: 0x3030, count: 43 });
  });

  it("decodes the coil, LVP read and LVP write frames", () => {
    expect(describeVoltaicFrames(fromHex("01 05 00 00 FF 00 8C 3A"))[0]).toMatchObject({ function: "0x05 write-single-coil", fields: { loadOutput: true } });
    expect(describeVoltaicFrames(fromHex("01 05 00 00 00 00 CD CA"))[0]).toMatchObject({ fields: { loadOutput: false } });
    expect(describeVoltaicFrames(fromHex("01 01 00 00 00 01 FD CA"))[0]).toMatchObject({ function: "0x01 read-coils", address: 0, count: 1 });
    expect(describeVoltaicFrames(fromHex("01 03 90 22 00 01 09 00"))[0]).toMatchObject({ address: 0x9022, registers: ["lowVoltageProtection"] });
    expect(describeVoltaicFrames(fromHex("01 06 90 22 04 7E 86 20"))[0]).toMatchObject({ fields: { lowVoltageProtection: 11.5 } });
    expect(describeVoltaicFrames(fromHex("01 10 90 22 00 01 02 04 7E B2 3B"))[0]).toMatchObject({ function: "0x10 write-multiple-registers", fields: { lowVoltageProtection: 11.5 } });
  });

  it("rejects a frame whose CRC does not match (the guide's XX XX placeholder replaced by a wrong CRC)", () => {
    expect(() => describeVoltaicFrames(fromHex("01 04 30 A0 00 01 3E E9"))).toThrow(expect.objectContaining({ code: "checksum" }));
    expect(() => describeVoltaicFrames(fromHex("01 04 30"))).toThrow(expect.objectContaining({ code: "frame" }));
  });
});

describe("literal replies", () => {
  it("decodes the guide's battery-voltage reply 01 04 02 05 46 (one-byte count) after its request: 13.50 V", () => {
    const frames = describeVoltaicFrames(fromHex("01 04 30 A0 00 01 3E E8 01 04 02 05 46 3B 92"));
    expect(frames).toHaveLength(2);
    expect(frames[1]).toMatchObject({ role: "reply", address: 0x30a0, values: [0x0546], fields: { batteryVoltage: 13.5 } });
  });

  it("decodes a reply on its own by its layout, without register names", () => {
    expect(describeVoltaicFrames(fromHex("01 04 02 05 46 3B 92"))[0]).toMatchObject({ role: "reply", values: [1350] });
  });

  it("decodes the PV power as 32 bits, low word first: 0x5F90 0x0001 is 900.00 W, past the low word's 655.35 W", () => {
    // Reply to 01 04 30 4E 00 04 9E DE (CRC computed): 36.00 V, 25.00 A, 0x0001:0x5F90 = 90 000 × 0.01 W.
    const [, reply] = describeVoltaicFrames(fromHex("01 04 30 4E 00 04 9E DE 01 04 08 0E 10 09 C4 5F 90 00 01 96 F1"));
    expect(reply?.fields).toEqual({ pvVoltage: 36, pvCurrent: 25, pvPower: 900 });
  });

  it("decodes an exception reply", () => {
    expect(describeVoltaicFrames(fromHex("01 86 01 83 A0"))[0]).toMatchObject({ exception: { code: 1, name: "Illegal Function" } });
  });

  it("decodes negative currents as two's complement: 0xFF38 is -2.00 A, the guide's 65335 is -2.01 A", () => {
    const reply = (current: number): string => rtu(`01 04 04 ${words([1320, current])}`);
    const twos = describeVoltaicFrames(fromHex(`01 04 30 46 00 02 9F 1E ${reply(65336)}`))[1];
    expect(twos?.fields).toEqual({ batteryVoltageRealtime: 13.2, batteryCurrent: -2 });
    const guide = describeVoltaicFrames(fromHex(`01 04 30 46 00 02 9F 1E ${reply(65335)}`))[1];
    expect(guide?.fields).toEqual({ batteryVoltageRealtime: 13.2, batteryCurrent: -2.01 });
  });
});

/** 43 words of the 0x3030 block with the given values at their addresses. */
function block3030(values: Readonly<Record<number, number>>): string {
  return words(Array.from({ length: 43 }, (_, i) => values[0x3030 + i] ?? 0));
}

describe("the driver sends the frames of docs/protocols/voltaic.md#request-frames and decodes the replies", () => {
  it("reads the real-time blocks with 01 04 30 30 00 2B BF 1A and 01 04 30 A0 00 03 BF 29", async () => {
    const block = block3030({ 0x3035: 1, 0x3037: 0xfc18, 0x3045: 76, 0x3046: 1310, 0x3047: 0xff38, 0x304a: 1309, 0x304b: 92, 0x304c: 1204, 0x304e: 1800, 0x304f: 151, 0x3050: 2718, 0x3052: 1, 0x3053: 1234, 0x3054: 1, 0x3055: 0, 0x3056: 567 });
    const { controller, sent } = await scripted({
      "01 04 30 30 00 2B BF 1A": rtu(`01 04 56 ${block}`),
      "01 04 30 A0 00 03 BF 29": rtu(`01 04 06 ${words([1310, 0x1234, 0xff06])}`),
    });
    const { values, raw } = await controller.readRealtime();
    expect(sent).toEqual(["01 04 30 30 00 2b bf 1a", "01 04 30 a0 00 03 bf 29"]);
    expect(values).toEqual({
      loadStatus: { value: 1, bits: [0], names: ["loadOn"] },
      controllerTemperature: -10,
      batterySoc: 76,
      batteryVoltageRealtime: 13.1,
      batteryCurrent: -2,
      loadVoltage: 13.09,
      loadCurrent: 0.92,
      loadPower: 12.04,
      pvVoltage: 18,
      pvCurrent: 1.51,
      pvPower: 27.18,
      pvEnergyToday: 10, // 1 × 0.01 kWh, in Wh
      pvEnergyTotal: 667_700, // 0x0001:0x04D2 (high word at 0x3054) × 0.01 kWh, in Wh
      loadEnergyToday: 0,
      loadEnergyTotal: 5670,
      batteryVoltage: 13.1,
      environmentTemperature: -2.5,
    });
    expect(raw[1]).toEqual({ address: 0x30a0, registers: [1310, 0x1234, 0xff06] });
  });

  it("reads the LVP with 01 03 90 22 00 01 09 00 and writes it with 01 06 90 22 04 7E 86 20, then reads back", async () => {
    const { controller, sent } = await scripted({
      "01 03 90 22 00 01 09 00": [rtu("01 03 02 04 4C"), rtu("01 03 02 04 7E")],
      "01 06 90 22 04 7E 86 20": "01 06 90 22 04 7E 86 20",
    });
    expect(await controller.setLowVoltageProtection(11.5)).toEqual({ previous: 11, value: 11.5, written: true, functionCode: 0x06 });
    expect(sent).toEqual(["01 03 90 22 00 01 09 00", "01 06 90 22 04 7e 86 20", "01 03 90 22 00 01 09 00"]);
  });

  it("falls back to 01 10 90 22 00 01 02 04 7E B2 3B after exception 01 to FC 0x06, and keeps using FC 0x10", async () => {
    const { controller, sent } = await scripted({
      "01 03 90 22 00 01 09 00": [rtu("01 03 02 04 4C"), rtu("01 03 02 04 7E"), rtu("01 03 02 04 7E"), rtu("01 03 02 04 4C")],
      "01 06 90 22 04 7E 86 20": "01 86 01 83 A0",
      "01 10 90 22 00 01 02 04 7E B2 3B": rtu("01 10 90 22 00 01"),
      [rtu("01 10 90 22 00 01 02 04 4C")]: rtu("01 10 90 22 00 01"),
    });
    expect(await controller.setLowVoltageProtection(11.5)).toMatchObject({ written: true, functionCode: 0x10 });
    expect(await controller.setLowVoltageProtection(11)).toMatchObject({ written: true, functionCode: 0x10 });
    expect(sent.filter((s) => s.startsWith("01 06"))).toHaveLength(1);
    expect(sent.filter((s) => s.startsWith("01 10"))).toHaveLength(2);
  });

  it("switches the load with 01 05 00 00 FF 00 8C 3A and verifies with 0x3035 and 0x304A", async () => {
    const { controller, sent } = await scripted({
      "01 05 00 00 FF 00 8C 3A": "01 05 00 00 FF 00 8C 3A",
      "01 04 30 35 00 01 2E C4": rtu("01 04 02 00 01"),
      "01 04 30 4A 00 03 9E DD": rtu(`01 04 06 ${words([1288, 93, 1198])}`),
    });
    expect(await controller.setLoad(true)).toEqual({ requested: true, on: true, loadVoltage: 12.88 });
    expect(sent).toEqual(["01 05 00 00 ff 00 8c 3a", "01 04 30 35 00 01 2e c4", "01 04 30 4a 00 03 9e dd"]);
  });

  it("reports verify-failed when the load does not follow (01 05 00 00 00 00 CD CA, state still on)", async () => {
    const { controller } = await scripted({
      "01 05 00 00 00 00 CD CA": "01 05 00 00 00 00 CD CA",
      "01 04 30 35 00 01 2E C4": rtu("01 04 02 00 01"),
      "01 04 30 4A 00 03 9E DD": rtu(`01 04 06 ${words([1288, 93, 1198])}`),
    });
    expect(await failure(controller.setLoad(false))).toMatchObject({ code: "verify-failed", context: { requested: false, readBack: true } });
  });

  it("discovers the address with FE 04 30 30 00 2B AB 15, answered from address 1", async () => {
    const { controller, sent } = await scripted({ "FE 04 30 30 00 2B AB 15": rtu(`01 04 56 ${block3030({})}`) });
    expect(await controller.discover()).toBe(1);
    expect(sent).toEqual(["fe 04 30 30 00 2b ab 15"]);
  });

  it("talks to 0xFE and accepts the reply from address 1; a fixed reply address rejects others", async () => {
    const script = {
      "FE 04 30 30 00 2B AB 15": rtu(`01 04 56 ${block3030({ 0x3046: 1300 })}`),
      [rtu("FE 04 30 A0 00 03")]: rtu(`01 04 06 ${words([1300, 0, 2000])}`),
      [rtu("FE 03 90 22 00 01")]: rtu("01 03 02 04 4C"),
    };
    const wildcard = await scripted(script, { address: 0xfe });
    const reading = await wildcard.controller.readAll();
    expect(reading).toMatchObject({ address: 1, lowVoltageProtection: 11, values: { batteryVoltage: 13, environmentTemperature: 20 } });
    expect(await wildcard.controller.identify()).toEqual({ driver: "voltaic", category: "solar-controller", manufacturer: "Voltaic Systems", address: 1 });
    const strict = await scripted(script, { address: 0xfe, replyAddress: 2 });
    expect(await failure(strict.controller.readRealtime())).toMatchObject({ code: "unexpected-reply", context: { replyUnit: 1 } });
  });
});

/** Real timers (the RTU link's silences need them) and a fixed wall time for the reading's time stamp. */
const NOON: Clock = { ...systemClock, wallTime: () => Date.UTC(2026, 5, 21, 12) };

describe("read(): the shared reading from literal replies", () => {
  it("turns the 0x3030 and 0x30A0 blocks and the LVP into the battery summary and SI measurements", async () => {
    // Charging at 1.50 A into 13.10 V at 76 %, PV 18.00 V 1.51 A 27.18 W, load on 13.09 V 0.92 A 12.04 W,
    // PV today 0.85 kWh, total 12.34 kWh, load today 0.11 kWh, total 5.67 kWh, controller 27.50 °C, environment 20.00 °C, LVP 11.00 V.
    const block = block3030({ 0x3035: 1, 0x3037: 2750, 0x3045: 76, 0x3046: 1310, 0x3047: 150, 0x304a: 1309, 0x304b: 92, 0x304c: 1204, 0x304e: 1800, 0x304f: 151, 0x3050: 2718, 0x3052: 85, 0x3053: 1234, 0x3055: 11, 0x3056: 567 });
    const { controller } = await scripted(
      {
        "01 04 30 30 00 2B BF 1A": rtu(`01 04 56 ${block}`),
        "01 04 30 A0 00 03 BF 29": rtu(`01 04 06 ${words([1310, 0, 2000])}`),
        "01 03 90 22 00 01 09 00": rtu("01 03 02 04 4C"),
      },
      { clock: NOON },
    );
    const reading = await controller.read();
    expect(reading.time).toBe("2026-06-21T12:00:00.000Z");
    expect(reading.device).toEqual({ driver: "voltaic", category: "solar-controller", manufacturer: "Voltaic Systems", address: 1 });
    expect(reading.batteries).toEqual([
      {
        id: "battery",
        name: "Battery",
        voltage: 13.1,
        current: 1.5,
        power: 19.65,
        soc: 76,
        cellVoltages: [],
        temperatures: [],
        chargeAllowed: null,
        dischargeAllowed: null,
        remainingCapacity: null,
        fullCapacity: null,
        alarms: [],
      },
    ]);
    const values = Object.fromEntries(reading.measurements.map((m) => [m.key, [m.value, m.unit ?? null]]));
    expect(values).toEqual({
      voltage: [13.1, "V"],
      current: [1.5, "A"],
      power: [19.65, "W"],
      soc: [76, "%"],
      alarm_count: [0, null],
      charge_stage: ["charging", null],
      pv_voltage: [18, "V"],
      pv_current: [1.51, "A"],
      pv_power: [27.18, "W"],
      load_on: [true, null],
      load_voltage: [13.09, "V"],
      load_current: [0.92, "A"],
      load_power: [12.04, "W"],
      pv_energy_today: [850, "Wh"],
      pv_energy_total: [12_340, "Wh"],
      load_energy_today: [110, "Wh"],
      load_energy_total: [5670, "Wh"],
      controller_temperature: [27.5, "°C"],
      environment_temperature: [20, "°C"],
      low_voltage_protection: [11, "V"],
    });
    expect(reading.measurements.find((m) => m.key === "pv_energy_total")).toMatchObject({ kind: "energy", stateClass: "total_increasing" });
    expect(reading.measurements.find((m) => m.key === "charge_stage")).toMatchObject({ kind: "enum", options: ["charging", "discharging", "idle"] });
    expect(reading.reading).toMatchObject({ address: 1, loadOn: true, lowVoltageProtection: 11 });
  });

  it("shows the low-voltage disconnect as pack-undervoltage: load off, battery below the threshold, discharging", async () => {
    const block = block3030({ 0x3035: 0, 0x3045: 2, 0x3046: 1090, 0x3047: 0xfff6 });
    const { controller } = await scripted({
      "01 04 30 30 00 2B BF 1A": rtu(`01 04 56 ${block}`),
      "01 04 30 A0 00 03 BF 29": rtu(`01 04 06 ${words([1090, 0, 1500])}`),
      "01 03 90 22 00 01 09 00": rtu("01 03 02 04 4C"),
    });
    const reading = await controller.read();
    expect(reading.batteries[0]).toMatchObject({ voltage: 10.9, current: -0.1, soc: 2, alarms: [{ id: "pack-undervoltage", severity: "protection" }] });
    expect(reading.measurements.find((m) => m.key === "charge_stage")?.value).toBe("discharging");
    expect(reading.measurements.find((m) => m.key === "load_on")?.value).toBe(false);
  });
});
