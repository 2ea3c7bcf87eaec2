import { describe, expect, it } from "vitest";
import { concatBytes, crc16Modbus, fromHex } from "../src/index.js";

/** Whether the last two bytes of `frame` are the CRC of the rest, low byte first. */
function trailer(frame: Uint8Array): number {
  return frame[frame.length - 2]! | (frame[frame.length - 1]! << 8);
}

// Complete frames with their CRCs, copied from the protocol references.
const VOLTAIC_6 = [
  "01 04 30 A0 00 01 3E E8",
  "01 04 30 A0 00 03 BF 29",
  "01 04 30 A2 00 01 9F 28",
  "01 04 30 37 00 01 8F 04",
  "01 04 30 35 00 01 2E C4",
  "01 04 30 45 00 0B AF 18",
  "01 04 30 46 00 02 9F 1E",
  "01 04 30 4A 00 03 9E DD",
  "01 04 30 4E 00 03 DF 1C",
  "01 04 30 52 00 05 9E D8",
  "01 04 30 30 00 2B BF 1A",
  "FE 04 30 30 00 2B AB 15",
  "01 05 00 00 FF 00 8C 3A",
  "01 05 00 00 00 00 CD CA",
  "01 01 00 00 00 01 FD CA",
  "01 03 90 22 00 01 09 00",
  "01 06 90 22 04 7E 86 20",
  "01 10 90 22 00 01 02 04 7E B2 3B",
];

const EVCHARGER_3_13 = [
  "01 10 30 02 00 05 AE CA", // docs/protocols/evcharger.md#frames
  "46 04 00 00 00 03 BF 7C", // docs/protocols/evcharger.md#phase-voltages-read, request
  "46 04 06 5D 3E 5D 7B 5D 81 C8 AD", // docs/protocols/evcharger.md#phase-voltages-read, response
  "46 06 06 28 04 B0 05 49", // docs/protocols/evcharger.md#charging-current-write
  "46 04 00 00 00 2D 3F 60", // docs/protocols/evcharger.md#derived-request-frames
  "46 03 06 00 00 07 0B F7",
  "46 03 06 0C 00 1D 4A 3F",
  "46 06 06 27 00 04 37 FD",
  "46 06 06 27 00 03 76 3F",
  "46 06 06 0D 00 01 D6 36",
  "46 10 06 27 00 02 04 00 04 0C 80 91 25",
  "46 10 06 27 00 02 FE 3C",
  "46 03 30 A7 00 01 35 9E",
];

const EVCHARGER_9 = [
  "01 10 30 02 00 05 0A 00 00 00 02 00 1E 00 00 00 01 78 2C", // step 1, module word restored
  "46 10 30 02 00 05 0A 00 00 00 0A 00 1E 00 00 00 01 72 09", // step 1 for the charger
  "01 10 30 10 00 0F 8E C8",
  "01 10 30 AA 00 19 2E E3",
  "01 10 30 1F 00 79 3F 2D",
];

describe("crc16Modbus", () => {
  it("gives 0x0A84 for 01 03 00 00 00 01, sent as 84 0A", () => {
    const crc = crc16Modbus(fromHex("01 03 00 00 00 01"));
    expect(crc).toBe(0x0a84);
    expect([crc & 0xff, crc >> 8]).toEqual([0x84, 0x0a]);
  });

  it('gives the CRC-16/MODBUS check value 0x4B37 for "123456789"', () => {
    expect(crc16Modbus(new TextEncoder().encode("123456789"))).toBe(0x4b37);
  });

  it("is the initial value 0xFFFF for no bytes", () => {
    expect(crc16Modbus(new Uint8Array(0))).toBe(0xffff);
  });

  it("matches the voltaic guide example 01 04 30 A0 00 01 → 3E E8", () => {
    expect(crc16Modbus(fromHex("01 04 30 A0 00 01"))).toBe(0xe83e);
  });

  describe.each([
    ["docs/protocols/voltaic.md#request-frames", VOLTAIC_6],
    ["docs/protocols/evcharger.md#example-frames", EVCHARGER_3_13],
    ["docs/protocols/evcharger.md#upgrade-procedure", EVCHARGER_9],
  ])("frames of %s", (_source, frames) => {
    it.each(frames)("%s ends with the CRC of the rest, low byte first", (text) => {
      const frame = fromHex(text);
      expect(crc16Modbus(frame, 0, frame.length - 2)).toBe(trailer(frame));
      // A frame followed by its own CRC leaves a zero remainder.
      expect(crc16Modbus(frame)).toBe(0);
    });
  });

  it("rejects the misprinted upgrade frame of docs/protocols/evcharger.md#upgrade-procedure (one data byte missing)", () => {
    const frame = fromHex("01 10 30 02 00 05 0A 00 00 00 00 1E 00 00 00 01 78 2C");
    expect(crc16Modbus(frame, 0, frame.length - 2)).not.toBe(trailer(frame));
  });

  it("covers only bytes from start up to (not including) end", () => {
    const data = fromHex("01 03 00 00 00 01");
    const framed = concatBytes(fromHex("ff 00 13"), data, fromHex("84 0a 55"));
    expect(crc16Modbus(framed, 3, 9)).toBe(0x0a84);
    expect(crc16Modbus(framed, 3, 11)).toBe(0); // data plus its CRC
    expect(crc16Modbus(framed, 3)).toBe(crc16Modbus(framed.subarray(3)));
    expect(crc16Modbus(framed, 5, 5)).toBe(0xffff);
  });

  it("changes when any single bit changes", () => {
    const data = fromHex("46 04 06 5D 3E 5D 7B 5D 81");
    const reference = crc16Modbus(data);
    for (let i = 0; i < data.length; i++) {
      for (let bit = 0; bit < 8; bit++) {
        const flipped = data.slice();
        flipped[i] = flipped[i]! ^ (1 << bit);
        expect(crc16Modbus(flipped)).not.toBe(reference);
      }
    }
  });
});
