import { describe, expect, it } from "vitest";
import { fromHex, sum16, sum32, sum8 } from "../src/index.js";

/** JBD checksum as docs/protocols/jbd.md#checksum defines it: (0x10000 − Σ bytes from the third byte to the end of the data) & 0xFFFF. */
function jbdChecksum(frame: Uint8Array): number {
  return (0x10000 - sum16(frame, 2, frame.length - 3)) & 0xffff;
}
/** The big-endian checksum field of a JBD frame (the two bytes before the final 77). */
function jbdTrailer(frame: Uint8Array): number {
  return (frame[frame.length - 3]! << 8) | frame[frame.length - 2]!;
}

describe("sum8 / sum16 / sum32", () => {
  const bytes = fromHex("ff ff ff 01");

  it("add the bytes and keep 8, 16 or 32 bits", () => {
    expect(sum8(bytes)).toBe(0xfe); // 0x2fe & 0xff
    expect(sum16(bytes)).toBe(0x02fe);
    expect(sum32(bytes)).toBe(0x02fe);
    expect(sum8(fromHex("01 02 03"))).toBe(6);
  });

  it("are 0 for no bytes", () => {
    expect([sum8(new Uint8Array(0)), sum16(new Uint8Array(0)), sum32(new Uint8Array(0))]).toEqual([0, 0, 0]);
  });

  it("cover only bytes from start up to (not including) end", () => {
    const data = fromHex("10 20 30 40");
    expect(sum8(data, 1, 3)).toBe(0x50);
    expect(sum16(data, 2)).toBe(0x70);
    expect(sum32(data, 0, 1)).toBe(0x10);
    expect(sum16(data, 2, 2)).toBe(0);
  });

  it("wrap sum16 at 65536", () => {
    const many = new Uint8Array(258).fill(0xff); // 258 × 255 = 65790 = 0x100FE
    expect(sum16(many)).toBe(0x00fe);
    expect(sum32(many)).toBe(0x100fe);
  });

  it("wrap sum32 at 2^32 and stay unsigned", () => {
    const big = new Uint8Array(16_843_010).fill(0xff); // 255 × 16 843 010 = 0x1_0000_00FE
    expect(sum32(big)).toBe(0xfe);
    expect(sum32(big, 1)).toBe(0xffff_ffff); // 255 × 16 843 009
  });

  describe("JBD frames (docs/protocols/jbd.md#checksum, docs/protocols/jbd.md#device-captures): checksum over status/register, len and data", () => {
    it.each([
      ["DD A5 03 00 FF FD 77", 0x0003],
      ["DD 5A E1 02 00 01 FF 1C 77", 0x00e4],
      ["DD A5 00 00 00 00 77", 0x0000],
      ["DD 10 81 00 FF 7F 77", 0x0081],
      ["DD 03 00 1D 06 18 00 00 01 F2 01 F4 00 00 2C 7C 00 00 00 00 00 00 80 64 03 04 03 0B 8B 0B 8A 0B 84 FA 8D 77", 0x0573],
      ["DD 04 00 08 0F 45 0F 3D 0F 37 0F 3D FE C6 77", 0x013a],
      ["DD FA 00 07 00 01 02 0F A0 10 36 FF 01 77", 0x00ff],
    ])("%s sums to 0x%s", (text, sum) => {
      const frame = fromHex(text);
      expect(sum16(frame, 2, frame.length - 3)).toBe(sum);
      expect(jbdChecksum(frame)).toBe(jbdTrailer(frame));
    });

    it("would be wrong if the register byte were summed too (docs/protocols/jbd.md#checksum: FA 8A instead of FA 8D)", () => {
      const frame = fromHex("DD 03 00 1D 06 18 00 00 01 F2 01 F4 00 00 2C 7C 00 00 00 00 00 00 80 64 03 04 03 0B 8B 0B 8A 0B 84 FA 8D 77");
      expect((0x10000 - sum16(frame, 1, frame.length - 3)) & 0xffff).toBe(0xfa8a);
    });
  });

  describe("JK 4E 57 frames (docs/protocols/jk.md#checksum, docs/protocols/jk.md#example-frames): u32 sum of every byte but the last four", () => {
    const jkTrailer = (frame: Uint8Array): number => new DataView(frame.buffer, frame.byteOffset).getUint32(frame.length - 4);

    it.each([
      "4E 57 00 13 00 00 00 00 06 03 00 00 00 00 00 00 68 00 00 01 29",
      "4E 57 00 13 00 00 00 00 06 02 00 00 00 00 00 00 68 00 00 01 28",
      "4E 57 00 13 00 00 00 00 03 03 00 83 00 00 00 00 68 00 00 01 A9",
      "4E 57 00 14 00 00 00 00 02 03 00 AB 01 00 00 00 00 68 00 00 01 D2",
      "4E 57 00 15 00 00 00 00 02 03 00 90 0D B6 00 00 00 00 68 00 00 02 7A",
    ])("%s", (text) => {
      const frame = fromHex(text);
      expect(sum32(frame, 0, frame.length - 4)).toBe(jkTrailer(frame));
    });

    it("verifies the 285-byte 14S reference reply (sum 0x54D1)", () => {
      const frame = fromHex(`
        4E 57 01 1B 00 00 00 00 06 00 01 79 2A 01 0E ED 02 0E FA 03 0E F7 04 0E EC 05 0E F8 06 0E FA 07
        0E F1 08 0E F8 09 0E E3 0A 0E FA 0B 0E F1 0C 0E FB 0D 0E FB 0E 0E F2 80 00 1D 81 00 1E 82 00 1C
        83 14 EF 84 80 D0 85 0F 86 02 87 00 04 89 00 00 00 00 8A 00 0E 8B 00 00 8C 00 07 8E 16 26 8F 10
        AE 90 0F D2 91 0F A0 92 00 05 93 0B EA 94 0C 1C 95 00 05 96 01 2C 97 00 07 98 00 03 99 00 05 9A
        00 05 9B 0C E4 9C 00 08 9D 01 9E 00 5A 9F 00 46 A0 00 64 A1 00 64 A2 00 14 A3 00 46 A4 00 46 A5
        FF EC A6 FF F6 A7 FF EC A8 FF F6 A9 0E AA 00 00 00 0E AB 01 AC 01 AD 04 11 AE 01 AF 01 B0 00 0A
        B1 14 B2 31 32 33 34 35 36 00 00 00 00 B3 00 B4 49 6E 70 75 74 20 55 73 B5 32 31 30 31 B6 00 00
        E2 00 B7 48 36 2E 58 5F 5F 53 36 2E 31 2E 33 53 5F 5F B8 00 B9 00 00 00 00 BA 42 54 33 30 37 32
        30 32 30 31 32 30 30 30 30 32 30 30 35 32 31 30 30 31 C0 01 00 00 00 00 68 00 00 54 D1`);
      expect(frame.length).toBe(285);
      expect(frame.length).toBe(((frame[2]! << 8) | frame[3]!) + 2); // LENGTH excludes the two STX bytes
      expect(sum32(frame, 0, frame.length - 4)).toBe(0x54d1);
      expect(sum16(frame, 0, frame.length - 4)).toBe(jkTrailer(frame));
    });

    it("exposes the bad checksum of the 20S vendor example (sum 0x485C, trailer 0x4923)", () => {
      const frame = fromHex(`
        4E 57 01 0B 00 00 00 00 06 00 01 79 3C 01 0E F9 02 0E F8 03 0F 01 04 0F 03 05 0F 02 06 0F 05 07
        0F 02 08 0F 05 09 0E FB 0A 0E C8 0B 0E CB 0C 0E 9A 0D 0E C5 0E 0E C6 0F 0E CB 10 0E C1 11 0E CD
        12 0E CB 13 0E BC 14 0E C2 80 00 1B 81 00 1E 82 00 1E 83 1D BC 84 27 10 85 47 86 02 87 00 01 89
        00 00 00 00 8A 00 14 8B 00 00 8C 00 0B 8E 20 D0 8F 15 E0 90 10 68 91 10 36 92 00 04 93 0A F0 94
        0B 54 95 00 04 96 01 2C 97 00 28 98 00 04 99 00 14 9A 00 04 9B 10 36 9C 00 64 9D 00 9E 00 64 9F
        00 50 A0 00 50 A1 00 46 A2 00 14 A3 00 64 A4 00 64 A5 FF EC A6 FF F6 A7 FF EC A8 FF F6 A9 14 AA
        00 00 00 28 AB 00 AC 00 AD 03 E8 AE 01 AF 01 B0 00 0A B1 14 B2 00 00 00 00 00 00 00 00 00 00 B3
        01 B4 36 30 33 30 30 30 30 31 B5 32 30 30 34 B6 00 00 00 01 B7 4E 57 5F 31 5F 30 5F 30 5F 32 30
        30 34 32 38 00 00 00 00 68 00 00 49 23`);
      expect(frame.length).toBe(269);
      expect(sum32(frame, 0, frame.length - 4)).toBe(0x485c);
      expect(jkTrailer(frame)).toBe(0x4923);
    });
  });
});
