import { BattError, fromHex, toHex } from "@batt/core";
import { describe, expect, it } from "vitest";
import {
  decodeChannelStatus,
  decodeDeviceInfo,
  decodeLogView,
  decodeRunError,
  decodeStatusWord,
  describeReport,
  encodeHidReport,
  encodeLogViewSample,
  encodeStatusWord,
  hidReportParser,
  imageToRegisters,
  registersToImage,
  s32LowFirst,
  splitU32LowFirst,
  swappedText,
  u32LowFirst,
} from "../src/index.js";

describe("word order (docs/protocols/icharger.md#byte-and-word-order)", () => {
  it("keeps the low word of 32-bit values in the lower register", () => {
    expect(u32LowFirst([0x7df8, 0x0007], 0)).toBe(491000);
    expect(s32LowFirst([0xffcf, 0xffff], 0)).toBe(-49);
    expect(splitU32LowFirst(-49)).toEqual([0xffcf, 0xffff]);
    expect(splitU32LowFirst(491000)).toEqual([0x7df8, 0x0007]);
  });

  it("reads strings with each character pair swapped on the wire", () => {
    // "SN1234" arrives as registers 0x4e53 ("NS"), 0x3231, 0x3433.
    expect(swappedText([0x4e53, 0x3231, 0x3433, 0x0000])).toBe("SN1234");
    expect(registersToImage([0x1234])).toEqual(Uint8Array.of(0x34, 0x12));
    expect(imageToRegisters(Uint8Array.of(0x34, 0x12, 0x56))).toEqual([0x1234, 0x0056]);
  });
});

describe("HID report framing (docs/protocols/icharger.md#hid-report-frame)", () => {
  it("wraps a PDU: LEN counts itself and the type", () => {
    expect(toHex(encodeHidReport(fromHex("04 01 00 00 1e")))).toBe("07 30 04 01 00 00 1e");
    expect(() => encodeHidReport(new Uint8Array(63))).toThrow(BattError);
  });

  it("rejects impossible lengths and unknown types whole", () => {
    const cases = ["00 30 04 02 00 00", "41 30", "10 30 04 02 00 01", "03 30 04", "07 55 04 00 00 00 01"];
    for (const hex of cases) {
      const report = fromHex(hex);
      const result = hidReportParser.parse(report);
      expect(result.kind, hex).toBe("invalid");
      if (result.kind === "invalid") expect(result.skip).toBe(report.length);
    }
  });

  it("takes an exception PDU as the two bytes after the type, whatever LEN says", () => {
    const result = hidReportParser.parse(fromHex("09 30 84 02 ee ee ee ee ee"));
    expect(result).toMatchObject({ kind: "frame", frame: { kind: "modbus" } });
    if (result.kind === "frame" && result.frame.kind === "modbus") expect(toHex(result.frame.pdu)).toBe("84 02");
  });

  it("decodes exception reports and RTU frames for people", () => {
    expect(describeReport(fromHex("04 30 83 02"))).toMatchObject({ transport: "hid", direction: "reply", function: "0x03", exception: 2, exceptionName: "Illegal Data Address" });
    expect(describeReport(fromHex("01 10 80 02 00 03 06 00 00 55 AA 00 00 DF 64"))).toMatchObject({ transport: "rtu", unit: 1, control: { action: "stop", channel: 0 } });
    expect(() => describeReport(fromHex("01 10 80 02 00 03 06 00 00 55 AA 00 00 DF 65"))).toThrow(expect.objectContaining({ code: "checksum" }));
  });
});

describe("LogView", () => {
  it("round-trips a sample and decodes an IR frame", () => {
    const bytes = encodeLogViewSample({
      channel: 2,
      timestampMs: 1234,
      state: 1,
      batteryType: 1,
      cycle: 3,
      current10mA: 250,
      inputMv: 24000,
      batteryMv: 8400,
      capacityMah: 12,
      internalDeciC: 301,
      externalDeciC: -15,
      cellsMv: [4200, 4199, 0, 0, 0, 0, 0, 0],
    });
    expect(bytes[0]).toBe(40);
    expect(decodeLogView(bytes)).toMatchObject({ channel: 2, time: 1.234, state: { name: "charge" }, current: 2.5, inputVoltage: 24, batteryVoltage: 8.4, capacity: 0.012, internalTemperature: 30.1, externalTemperature: -1.5, cells: [4.2, 4.199, 0, 0, 0, 0, 0, 0] });
    const ir = fromHex("12 10 01 00 00 00 00 81 64 00 60 00 18 00 19 00 17 00");
    expect(decodeLogView(ir)).toEqual({ kind: "ir", channel: 1, time: 0, state: { value: 1, name: "charge" }, packIrRaw: 100, cellIrSumRaw: 96, cellIrRaw: [24, 25, 23] });
    expect(decodeLogView(fromHex("05 20 01 02 03"))).toEqual({ kind: "raw", type: 0x20, bytes: fromHex("05 20 01 02 03") });
    expect(() => decodeLogView(fromHex("2C 10 01"))).toThrow(expect.objectContaining({ code: "frame" }));
  });
});

describe("status, errors, device info, channel status (docs/protocols/icharger.md#status-and-error-codes)", () => {
  it("names the status word bits", () => {
    expect(decodeStatusWord(0x53)).toMatchObject({ raw: 0x53, run: true, error: true, dialogBox: true, balancing: true, controlStatus: false, cellVoltage: false });
    expect(encodeStatusWord({ run: true, cellVoltage: true })).toBe(0x21);
  });

  it("indexes the run error's high byte (0x1D00 = balance port; 3500 on screen = channel occupied)", () => {
    expect(decodeRunError(0x1d00)).toMatchObject({ code: 29, name: "balance port", displayCode: 2900, ok: false });
    expect(decodeRunError(0x2300)).toMatchObject({ name: "channel occupied", displayCode: 3500 });
    expect(decodeRunError(0)).toMatchObject({ ok: true, name: "OK" });
    expect(decodeRunError(0x4001).name).toBeUndefined();
  });

  it("decodes device info with a pair-swapped serial and versions in hundredths", () => {
    const info = decodeDeviceInfo([64, 0x3034, 0x3031, 0x0041, 0, 0, 0, 218, 101, 118, 173, 0x01, 0x12], 2);
    expect(info).toMatchObject({ deviceId: 64, serialNumber: "4010A", softwareVersion: "2.18", hardwareVersion: "1.01", systemLength: 118, memoryLength: 173 });
    expect(info.status.map((s) => s.run)).toEqual([true, false]);
    expect(info.status[1]).toMatchObject({ error: true, dialogBox: true });
    expect(decodeDeviceInfo([64, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], 1).status).toHaveLength(1);
    expect(() => decodeDeviceInfo([1, 2, 3], 2)).toThrow(expect.objectContaining({ code: "frame" }));
  });

  it("decodes a channel block: signs, mV input voltage, low-word-first 32-bit values, swapped balance bytes, stale cell slots", () => {
    const r = new Array<number>(74).fill(0);
    r[0] = 0x7df8; r[1] = 0x0007; // timestamp 491000 ms
    r[2] = 4171; r[3] = 0; // power raw
    r[4] = 0xffe5; // −0.27 A
    r[5] = 34564; // input 34.564 V (mV)
    r[6] = 15403;
    r[7] = 0xffcf; r[8] = 0xffff; // −49 mAh
    r[9] = 356; r[10] = 0xfff6; // 35.6 °C, −1.0 °C
    [3842, 3851, 3854, 3840, 0, 0, 0, 0, 0, 0, 4100, 4100].forEach((mv, i) => (r[11 + i] = mv)); // slots 11.. beyond 10 cells are stale
    r[27] = 0x0100; // cell 1 balance byte 0 → low byte: 0, cell 2 → 1
    r[35] = 215; r[36] = 240;
    r[51] = 455; r[52] = 80; r[53] = 2; r[54] = 3; r[55] = 13; r[56] = 0x1d00; r[57] = 4;
    r[58] = 120;
    const s = decodeChannelStatus(1, r, { cells: 10 });
    expect(s).toMatchObject({
      channel: 1,
      time: 491,
      powerRaw: 4171,
      power: 41.71,
      current: -0.27,
      inputVoltage: 34.564,
      outputVoltage: 15.403,
      capacity: -0.049,
      internalTemperature: 35.6,
      externalTemperature: -1,
      cellCount: 4,
      totalIr: 0.0455,
      lineIr: 0.008,
      cycleCount: 2,
      controlStatus: { value: 3, observedMeaning: "b.cc" },
      runStatus: { value: 13, observedMeaning: "discharging" },
      runError: { name: "balance port" },
      dialogBoxId: 4,
    });
    expect(s.cells).toHaveLength(10);
    expect(s.balancing.slice(0, 3)).toEqual([false, true, false]);
    expect(s.cellIr.slice(0, 2)).toEqual([0.0215, 0.024]);
    expect(s.cellIrRaw.slice(0, 2)).toEqual([215, 240]);
    expect(s.cellCapacity?.[0]).toBe(0.12);
    expect(decodeChannelStatus(0, r, { cells: 8, powerScale: 0.001 }).power).toBe(4.171);
    expect(decodeChannelStatus(0, r.slice(0, 58), { cells: 8 }).cellCapacity).toBeUndefined();
  });
});
