import { fromHex, hex, isBattError, skipMessage, toHex } from "@batt/core";
import { describe, expect, it } from "vitest";
import {
  clearPasswordData,
  decodeBasicInfo,
  decodeCellVoltages,
  decodeDeviceName,
  decodeErrorCounters,
  decodeJbdDate,
  decodeStringRegister,
  encodeReadRequest,
  encodeResponse,
  encodeWriteRequest,
  FACTORY_ENTER_DATA,
  FACTORY_EXIT_DATA,
  FACTORY_SAVE_DATA,
  jbdChecksum,
  parseJbdFrame,
  setPasswordData,
  usePasswordData,
  type JbdFrame,
} from "../src/index.js";

/** Parses one complete frame or fails the test. */
function frameOf(text: string): JbdFrame {
  const bytes = fromHex(text);
  const result = parseJbdFrame(bytes);
  if (result.kind !== "frame") throw new Error(`not a frame: ${text} (${result.kind === "invalid" ? skipMessage(result.message) : "incomplete"})`);
  expect(result.length).toBe(bytes.length);
  return result.frame;
}

describe("docs/protocols/jbd.md#checksum: worked examples", () => {
  it.each([
    ["03 00", 0xfffd],
    ["E1 02 00 01", 0xff1c],
    ["00 00", 0x0000], // masked: 0x10000 would not fit
  ])("Σ %s → %s", (bytes, expected) => {
    expect(jbdChecksum(fromHex(bytes))).toBe(expected);
  });

  it("a response's checksum covers status, length and data, not the register byte (docs/protocols/jbd.md#checksum: FA 8D, not FA 8A)", () => {
    const frame = fromHex("DD 03 00 1D 06 18 00 00 01 F2 01 F4 00 00 2C 7C 00 00 00 00 00 00 80 64 03 04 03 0B 8B 0B 8A 0B 84 FA 8D 77");
    expect(jbdChecksum(frame, 2, frame.length - 3)).toBe(0xfa8d);
    expect(jbdChecksum(frame, 1, frame.length - 3)).toBe(0xfa8a);
  });
});

describe("docs/protocols/jbd.md#request-frames: byte for byte", () => {
  it.each([
    ["read 0x03", () => encodeReadRequest(0x03), "DD A5 03 00 FF FD 77"],
    ["read 0x04", () => encodeReadRequest(0x04), "DD A5 04 00 FF FC 77"],
    ["read 0x05", () => encodeReadRequest(0x05), "DD A5 05 00 FF FB 77"],
    ["read 0xAA", () => encodeReadRequest(0xaa), "DD A5 AA 00 FF 56 77"],
    ["read EEPROM 0x24", () => encodeReadRequest(0x24), "DD A5 24 00 FF DC 77"],
    ["read 0x00", () => encodeReadRequest(0x00), "DD A5 00 00 00 00 77"],
    ["enter factory", () => encodeWriteRequest(0x00, FACTORY_ENTER_DATA), "DD 5A 00 02 56 78 FF 30 77"],
    ["exit factory", () => encodeWriteRequest(0x01, FACTORY_EXIT_DATA), "DD 5A 01 02 00 00 FF FD 77"],
    ["exit factory + save", () => encodeWriteRequest(0x01, FACTORY_SAVE_DATA), "DD 5A 01 02 28 28 FF AD 77"],
    ["MOSFET both on", () => encodeWriteRequest(0xe1, [0, 0]), "DD 5A E1 02 00 00 FF 1D 77"],
    ["MOSFET charge off", () => encodeWriteRequest(0xe1, [0, 1]), "DD 5A E1 02 00 01 FF 1C 77"],
    ["MOSFET discharge off", () => encodeWriteRequest(0xe1, [0, 2]), "DD 5A E1 02 00 02 FF 1B 77"],
    ["MOSFET both off", () => encodeWriteRequest(0xe1, [0, 3]), "DD 5A E1 02 00 03 FF 1A 77"],
    ["balance odd", () => encodeWriteRequest(0xe2, [0, 1]), "DD 5A E2 02 00 01 FF 1B 77"],
    ["balance even", () => encodeWriteRequest(0xe2, [0, 2]), "DD 5A E2 02 00 02 FF 1A 77"],
    ["balance close", () => encodeWriteRequest(0xe2, [0, 3]), "DD 5A E2 02 00 03 FF 19 77"],
    ["reset capacity", () => encodeWriteRequest(0x0a, [1, 0]), "DD 5A 0A 02 01 00 FF F3 77"],
    ["clear protection", () => encodeWriteRequest(0x0a, [4, 0]), "DD 5A 0A 02 04 00 FF F0 77"],
    ["auto balance", () => encodeWriteRequest(0x0a, [7, 0]), "DD 5A 0A 02 07 00 FF ED 77"],
    ["balancer off", () => encodeWriteRequest(0x2d, [0, 2]), "DD 5A 2D 02 00 02 FF CF 77"],
    ["balancer on", () => encodeWriteRequest(0x2d, [0, 6]), "DD 5A 2D 02 00 06 FF CB 77"],
    ["covp = 3650 mV", () => encodeWriteRequest(0x24, [0x0e, 0x42]), "DD 5A 24 02 0E 42 FF 8A 77"],
    ["use password 000000", () => encodeWriteRequest(0x06, usePasswordData("000000")), "DD 5A 06 07 06 00 00 00 00 00 00 FF ED 77"],
    ["clear password", () => encodeWriteRequest(0x09, clearPasswordData()), "DD 5A 09 07 06 4A 31 42 32 44 34 FE 83 77"],
    ["remaining 100.00 Ah", () => encodeWriteRequest(0xe0, [0x27, 0x10]), "DD 5A E0 02 27 10 FE E7 77"],
    ["idle current calibration", () => encodeWriteRequest(0xad, [0, 0]), "DD 5A AD 02 00 00 FF 51 77"],
    ["V11 pair 765828", () => encodeWriteRequest(0x06, usePasswordData("765828")), "DD 5A 06 07 06 07 06 05 08 02 08 FF C9 77"],
    ["V11 change 765828 → 123456", () => encodeWriteRequest(0x07, setPasswordData("765828", "123456")), "DD 5A 07 0D 0C 07 06 05 08 02 08 01 02 03 04 05 06 FF A7 77"],
    ["V11 0xFB charge off", () => encodeWriteRequest(0xfb, [1, 1]), "DD 5A FB 02 01 01 FF 01 77"],
    ["V11 0xFA read", () => encodeReadRequest(0xfa, hex`00 01 02`), "DD A5 FA 03 00 01 02 FF 00 77"],
    ["V11 0xF6 read", () => encodeReadRequest(0xf6), "DD A5 F6 00 FF 0A 77"],
  ])("%s", (_, build, expected) => {
    expect(toHex(build())).toBe(toHex(fromHex(expected)));
    const frame = frameOf(expected);
    expect(frame.kind === "read" || frame.kind === "write").toBe(true);
  });
});

describe("docs/protocols/jbd.md#request-frames: OK and error replies", () => {
  it.each([
    ["DD 00 00 00 00 00 77", 0x00],
    ["DD 01 00 00 00 00 77", 0x01],
    ["DD E1 00 00 00 00 77", 0xe1],
    ["DD E2 00 00 00 00 77", 0xe2],
    ["DD 0A 00 00 00 00 77", 0x0a],
    ["DD 2D 00 00 00 00 77", 0x2d],
    ["DD 24 00 00 00 00 77", 0x24],
    ["DD 06 00 00 00 00 77", 0x06],
    ["DD 09 00 00 00 00 77", 0x09],
    ["DD E0 00 00 00 00 77", 0xe0],
    ["DD AD 00 00 00 00 77", 0xad],
    ["DD FB 00 00 00 00 77", 0xfb],
  ])("empty OK reply %s", (text, register) => {
    expect(frameOf(text)).toEqual({ kind: "response", register, status: 0, data: new Uint8Array(0) });
    expect(toHex(encodeResponse(register, 0))).toBe(toHex(fromHex(text)));
  });

  it("status 0x81 for register 0x10 is DD 10 81 00 FF 7F 77", () => {
    expect(toHex(encodeResponse(0x10, 0x81))).toBe("dd 10 81 00 ff 7f 77");
    expect(frameOf("DD 10 81 00 FF 7F 77")).toMatchObject({ kind: "response", register: 0x10, status: 0x81 });
  });

  it("the V11 0xFA reply parses (register FA, 7 data bytes)", () => {
    expect(frameOf("DD FA 00 07 00 01 02 0F A0 10 36 FF 01 77")).toMatchObject({ register: 0xfa, status: 0, data: fromHex("00 01 02 0F A0 10 36") });
  });

  it("an EEPROM read reply carries the u16 value", () => {
    const reply = encodeResponse(0x24, 0, hex`0E 42`);
    expect(frameOf(toHex(reply))).toMatchObject({ register: 0x24, data: fromHex("0E 42") });
  });
});

describe("docs/protocols/jbd.md#device-captures: decoded", () => {
  it("13.1 basic info of JBD-SP04S034-L4S-200A-B-U", () => {
    const frame = frameOf("DD 03 00 1D 06 18 00 00 01 F2 01 F4 00 00 2C 7C 00 00 00 00 00 00 80 64 03 04 03 0B 8B 0B 8A 0B 84 FA 8D 77");
    const info = decodeBasicInfo(frame.data);
    expect(info).toMatchObject({
      voltage: 15.6,
      current: 0,
      remainingCapacity: 4.98,
      nominalCapacity: 5,
      cycles: 0,
      manufactureDate: "2022-03-28",
      balancing: [false, false, false, false],
      protectionRaw: 0,
      protectionActive: [],
      softwareVersion: "8.0",
      soc: 100,
      fet: { charge: true, discharge: true, raw: 3 },
      cellCount: 4,
      temperatures: [22.4, 22.3, 21.7],
      coarseUnits: false,
    });
    expect(info.humidity).toBeUndefined();
    expect(info.fullChargeCapacity).toBeUndefined();
  });

  it("13.2 cell voltages of the same unit", () => {
    const frame = frameOf("DD 04 00 08 0F 45 0F 3D 0F 37 0F 3D FE C6 77");
    expect(decodeCellVoltages(frame.data)).toEqual([3.909, 3.901, 3.895, 3.901]);
  });
});

describe("docs/protocols/jbd.md#basic-info-0x03: fields", () => {
  const base = fromHex("06 18 00 00 01 F2 01 F4 00 00 2C 7C 00 00 00 00 00 00 80 64 03 04 00");

  it("current is signed, + charging: F8 24 → −20.12 A (V4)", () => {
    const payload = base.slice();
    payload.set([0xf8, 0x24], 2);
    expect(decodeBasicInfo(payload).current).toBe(-20.12);
  });

  it("version nibbles: 0x10 → 1.0, 0x23 → 2.3", () => {
    const payload = base.slice();
    payload[18] = 0x23;
    expect(decodeBasicInfo(payload).softwareVersion).toBe("2.3");
    payload[18] = 0x10;
    expect(decodeBasicInfo(payload).softwareVersion).toBe("1.0");
  });

  it("balance bits: offset 12 bit0 = cell 1, offset 14 = cells 17–32", () => {
    const payload = base.slice();
    payload[21] = 20;
    payload.set([0x00, 0x05, 0x00, 0x08], 12); // cells 1, 3 and 20
    const info = decodeBasicInfo(payload);
    expect(info.balancing.flatMap((on, i) => (on ? [i + 1] : []))).toEqual([1, 3, 20]);
  });

  it("protection bits are named; bit 12 is the software MOS lock", () => {
    const payload = base.slice();
    payload.set([0x14, 0x01], 16);
    const info = decodeBasicInfo(payload);
    expect(info.protectionActive).toEqual(["cellOvervoltage", "shortCircuit", "softwareLock"]);
    expect(info.protection.softwareLock).toBe(true);
  });

  it("0 NTCs is legal and needs no temperature words", () => {
    expect(decodeBasicInfo(base).temperatures).toEqual([]);
  });

  it("a temperature of 0B 77 (0x77 inside the data) is decoded, not taken for the end byte", () => {
    const payload = Uint8Array.of(...base.subarray(0, 22), 1, 0x0b, 0x77);
    const frame = encodeResponse(0x03, 0, payload);
    const parsed = parseJbdFrame(frame);
    expect(parsed.kind).toBe("frame");
    if (parsed.kind === "frame") expect(decodeBasicInfo(parsed.frame.data).temperatures).toEqual([20.4]);
  });

  it("the extended tail (DP04S007: len 0x22 with 1 NTC) gives humidity, alarms, full charge and balance current", () => {
    const payload = Uint8Array.of(...base.subarray(0, 22), 1, 0x0b, 0x8b, 0x32, 0x04, 0x01, 0x01, 0xf4, 0x01, 0xf2, 0x81, 0x10);
    expect(payload.length).toBe(0x22);
    const info = decodeBasicInfo(payload);
    expect(info).toMatchObject({
      humidity: 50,
      alarmActive: ["cellHighVoltage", "cellVoltageDifference"],
      alarmRaw: 0x0401,
      fullChargeCapacity: 5,
      tailRemainingCapacity: 4.98,
      balanceCurrentRaw: 0x8110,
    });
  });

  it("the unit switch (FET bit 7) is flagged, not applied; capacityScale applies it", () => {
    const payload = base.slice();
    payload[20] = 0x83;
    expect(decodeBasicInfo(payload)).toMatchObject({ coarseUnits: true, remainingCapacity: 4.98 });
    expect(decodeBasicInfo(payload, { capacityScale: 10 }).remainingCapacity).toBe(49.8);
  });

  it("a payload shorter than its NTC count says is a frame error", () => {
    const payload = Uint8Array.of(...base.subarray(0, 22), 3, 0x0b, 0x8b);
    expect(() => decodeBasicInfo(payload)).toThrow(expect.objectContaining({ code: "frame" }));
    expect(() => decodeBasicInfo(base.subarray(0, 10))).toThrow(expect.objectContaining({ code: "frame" }));
  });

  it("the date word 2C 7C is 2022-03-28", () => {
    expect(decodeJbdDate(0x2c7c)).toBe("2022-03-28");
  });
});

describe("other registers (docs/protocols/jbd.md#device-model-0x05 and the sections after it)", () => {
  it("0x05 payload is the model string itself, no inner length byte", () => {
    const name = "JBD-SP04S034-L4S-200A-B-U";
    const frame = encodeResponse(0x05, 0, Uint8Array.from(name, (c) => c.charCodeAt(0)));
    const parsed = parseJbdFrame(frame);
    expect(parsed.kind === "frame" && decodeDeviceName(parsed.frame.data)).toBe(name);
    expect(decodeDeviceName(Uint8Array.of(0x41, 0x42, 0x00, 0x43))).toBe("AB");
  });

  it("0xA0–0xA2 strings have an inner length byte; empty is 00", () => {
    expect(decodeStringRegister(Uint8Array.of(3, 0x4a, 0x42, 0x44))).toBe("JBD");
    expect(decodeStringRegister(Uint8Array.of(0))).toBe("");
    expect(() => decodeStringRegister(Uint8Array.of(5, 0x41))).toThrow(expect.objectContaining({ code: "frame" }));
  });

  it("0xAA accepts 22 and 24 bytes", () => {
    const words = Array.from({ length: 12 }, (_, i) => [0, i + 1]).flat();
    expect(decodeErrorCounters(Uint8Array.from(words.slice(0, 22)))).toMatchObject({ shortCircuit: 1, packUndervoltage: 11 });
    expect(decodeErrorCounters(Uint8Array.from(words.slice(0, 22))).systemRestarts).toBeUndefined();
    expect(decodeErrorCounters(Uint8Array.from(words)).systemRestarts).toBe(12);
    const short = (() => {
      try {
        decodeErrorCounters(new Uint8Array(20));
      } catch (e) {
        return e;
      }
    })();
    expect(isBattError(short, "frame")).toBe(true);
  });
});
