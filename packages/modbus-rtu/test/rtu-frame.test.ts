import { crc16Modbus, fromHex, hex, toHex } from "@batt/core";
import { describe, expect, it } from "vitest";
import { decodeRtuFrame, encodeRequest, encodeRtuFrame, hasValidCrc, type ModbusRequest } from "../src/index.js";

describe("CRC-16/MODBUS on RTU frames", () => {
  it("matches the check value of the serial line examples", () => {
    expect(crc16Modbus(hex`01 03 00 00 00 01`)).toBe(0x0a84);
    expect(toHex(encodeRtuFrame(1, hex`03 00 00 00 01`))).toBe("01 03 00 00 00 01 84 0a");
  });

  // Complete frames with CRC from the device references (docs/protocols/voltaic.md#request-frames, docs/protocols/evcharger.md#example-frames)
  // and the classic serial-line examples for unit 0x11 (docs/protocols/modbus.md#rtu-frame).
  const frames: [string, string][] = [
    ["voltaic battery voltage", "01 04 30 A0 00 01 3E E8"],
    ["voltaic 0x30A0 x3", "01 04 30 A0 00 03 BF 29"],
    ["voltaic whole block", "01 04 30 30 00 2B BF 1A"],
    ["voltaic block to 0xFE", "FE 04 30 30 00 2B AB 15"],
    ["voltaic load on", "01 05 00 00 FF 00 8C 3A"],
    ["voltaic load off", "01 05 00 00 00 00 CD CA"],
    ["voltaic read coil 0", "01 01 00 00 00 01 FD CA"],
    ["voltaic read LVP", "01 03 90 22 00 01 09 00"],
    ["voltaic write LVP 0x06", "01 06 90 22 04 7E 86 20"],
    ["voltaic write LVP 0x10", "01 10 90 22 00 01 02 04 7E B2 3B"],
    ["evcharger upgrade reply", "01 10 30 02 00 05 AE CA"],
    ["evcharger voltages", "46 04 00 00 00 03 BF 7C"],
    ["evcharger voltages reply", "46 04 06 5D 3E 5D 7B 5D 81 C8 AD"],
    ["evcharger current 12 A", "46 06 06 28 04 B0 05 49"],
    ["evcharger serial", "46 03 06 00 00 07 0B F7"],
    ["evcharger start", "46 06 06 27 00 04 37 FD"],
    ["evcharger start + 32 A", "46 10 06 27 00 02 04 00 04 0C 80 91 25"],
    ["evcharger start + 32 A reply", "46 10 06 27 00 02 FE 3C"],
    ["spec read coils", "11 01 00 13 00 25 0E 84"],
    ["spec read holding", "11 03 00 6B 00 03 76 87"],
    ["spec write multiple coils", "11 0F 00 13 00 0A 02 CD 01 BF 0B"],
  ];

  it.each(frames)("%s: %s verifies and re-encodes byte for byte", (_name, text) => {
    const bytes = fromHex(text);
    expect(hasValidCrc(bytes, bytes.length)).toBe(true);
    const frame = decodeRtuFrame(bytes);
    expect(frame.unit).toBe(bytes[0]);
    expect(toHex(encodeRtuFrame(frame.unit, frame.pdu))).toBe(toHex(bytes));
  });

  it("rejects a frame whose CRC does not match, or that is too short", () => {
    expect(() => decodeRtuFrame(hex`01 04 30 A0 00 01 3E E9`)).toThrow(expect.objectContaining({ code: "checksum" }));
    expect(() => decodeRtuFrame(hex`01 04 30`)).toThrow(expect.objectContaining({ code: "frame" }));
  });

  // The client builds these requests from arguments; the bytes must be exactly the documented ones.
  const requests: [string, number, ModbusRequest][] = [
    ["01 04 30 A0 00 01 3E E8", 1, { kind: "read-input-registers", address: 0x30a0, count: 1 }],
    ["46 04 00 00 00 03 BF 7C", 0x46, { kind: "read-input-registers", address: 0, count: 3 }],
    ["01 05 00 00 FF 00 8C 3A", 1, { kind: "write-single-coil", address: 0, value: true }],
    ["01 05 00 00 00 00 CD CA", 1, { kind: "write-single-coil", address: 0, value: false }],
    ["01 06 90 22 04 7E 86 20", 1, { kind: "write-single-register", address: 0x9022, value: 1150 }],
    ["01 10 90 22 00 01 02 04 7E B2 3B", 1, { kind: "write-multiple-registers", address: 0x9022, values: [1150] }],
    ["46 10 06 27 00 02 04 00 04 0C 80 91 25", 0x46, { kind: "write-multiple-registers", address: 0x0627, values: [4, 0x0c80] }],
    ["11 01 00 13 00 25 0E 84", 0x11, { kind: "read-coils", address: 0x13, count: 0x25 }],
    ["11 02 00 C4 00 16 BA A9", 0x11, { kind: "read-discrete-inputs", address: 0xc4, count: 0x16 }],
    ["11 03 00 6B 00 03 76 87", 0x11, { kind: "read-holding-registers", address: 0x6b, count: 3 }],
    ["11 04 00 08 00 01 B2 98", 0x11, { kind: "read-input-registers", address: 8, count: 1 }],
    ["11 05 00 AC FF 00 4E 8B", 0x11, { kind: "write-single-coil", address: 0xac, value: true }],
    ["11 06 00 01 00 03 9A 9B", 0x11, { kind: "write-single-register", address: 1, value: 3 }],
    [
      "11 0F 00 13 00 0A 02 CD 01 BF 0B",
      0x11,
      { kind: "write-multiple-coils", address: 0x13, values: [true, false, true, true, false, false, true, true, true, false] },
    ],
    ["11 10 00 01 00 02 04 00 0A 01 02 C6 F0", 0x11, { kind: "write-multiple-registers", address: 1, values: [0x000a, 0x0102] }],
  ];

  it.each(requests)("encodes %s", (text, unit, request) => {
    expect(toHex(encodeRtuFrame(unit, encodeRequest(request)))).toBe(toHex(fromHex(text)));
  });
});
