import { describe, expect, it } from "vitest";
import { ByteReader, ByteWriter, isBattError, toHex } from "../src/index.js";

function errorOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}

describe("ByteWriter", () => {
  it("writes every width big-endian by default", () => {
    const w = new ByteWriter().u8(0xfe).s8(-2).u16(0x1234).s16(-2).u32(0x89abcdef).s32(-2);
    expect(toHex(w.toBytes())).toBe("fe fe 12 34 ff fe 89 ab cd ef ff ff ff fe");
    expect(w.size).toBe(14);
  });

  it("writes little-endian when told", () => {
    const w = new ByteWriter().u16(0x1234, "le").s16(-32768, "le").u32(0x89abcdef, "le").s32(0x12345678, "le");
    expect(toHex(w.toBytes())).toBe("34 12 00 80 ef cd ab 89 78 56 34 12");
  });

  it("writes the extremes of every range", () => {
    const w = new ByteWriter()
      .u8(0)
      .u8(255)
      .s8(-128)
      .s8(127)
      .u16(0xffff)
      .s16(-32768)
      .s16(32767)
      .u32(0xffff_ffff)
      .s32(-2147483648)
      .s32(2147483647);
    expect(toHex(w.toBytes(), "")).toBe("00ff807f" + "ffff" + "8000" + "7fff" + "ffffffff" + "80000000" + "7fffffff");
  });

  it("builds a documented frame: the JBD 0xE1 write (docs/protocols/jbd.md#checksum)", () => {
    const frame = new ByteWriter().u8(0xdd).u8(0x5a).u8(0xe1).u8(2).u16(0x0001).u16(0xff1c).u8(0x77).toBytes();
    expect(toHex(frame)).toBe("dd 5a e1 02 00 01 ff 1c 77");
  });

  it.each([
    ["u8", (w: ByteWriter, v: number) => w.u8(v), [-1, 256, 1.5, Number.NaN]],
    ["s8", (w: ByteWriter, v: number) => w.s8(v), [-129, 128, 0.5]],
    ["u16", (w: ByteWriter, v: number) => w.u16(v), [-1, 0x10000, 2.25]],
    ["s16", (w: ByteWriter, v: number) => w.s16(v, "le"), [-32769, 32768]],
    ["u32", (w: ByteWriter, v: number) => w.u32(v), [-1, 0x1_0000_0000, Number.POSITIVE_INFINITY]],
    ["s32", (w: ByteWriter, v: number) => w.s32(v), [-2147483649, 2147483648]],
  ])("%s rejects values that do not fit with invalid-argument and writes nothing", (_name, write, values) => {
    const w = new ByteWriter().u8(7);
    for (const value of values) {
      expect(isBattError(errorOf(() => write(w, value)), "invalid-argument")).toBe(true);
    }
    expect([...w.toBytes()]).toEqual([7]);
  });

  it.each([
    ["u8", (w: ByteWriter) => w.u8(0x12), "aa 12"],
    ["s8", (w: ByteWriter) => w.s8(-1), "aa ff"],
    ["u16", (w: ByteWriter) => w.u16(0x1234, "le"), "aa 34 12"],
    ["s16", (w: ByteWriter) => w.s16(-2), "aa ff fe"],
    ["u32", (w: ByteWriter) => w.u32(0x01020304), "aa 01 02 03 04"],
    ["s32", (w: ByteWriter) => w.s32(-2, "le"), "aa fe ff ff ff"],
    ["bytes", (w: ByteWriter) => w.bytes(Uint8Array.of(1, 2, 3)), "aa 01 02 03"],
  ])("%s grows a full buffer and writes into the new one", (_name, write, expected) => {
    const w = new ByteWriter(1).u8(0xaa);
    expect(toHex(write(w).toBytes())).toBe(expected);
  });

  it("grows past its initial capacity without losing bytes", () => {
    const w = new ByteWriter(1);
    for (let i = 0; i < 300; i++) w.u8(i & 0xff);
    w.u32(0xdeadbeef).bytes(Uint8Array.from({ length: 100 }, (_, i) => 255 - i));
    const out = w.toBytes();
    expect(out.length).toBe(404);
    expect(out.subarray(0, 300).every((b, i) => b === (i & 0xff))).toBe(true);
    expect(toHex(out.subarray(300, 304))).toBe("de ad be ef");
    expect(out.subarray(304).every((b, i) => b === 255 - i)).toBe(true);
  });

  it("grows for a single large block and accepts a zero capacity", () => {
    const big = new Uint8Array(1000).fill(0x5a);
    const out = new ByteWriter(0).u8(1).bytes(big).toBytes();
    expect(out.length).toBe(1001);
    expect(out[0]).toBe(1);
    expect(out[1000]).toBe(0x5a);
  });

  it("returns a copy from toBytes", () => {
    const w = new ByteWriter().u16(0x0102);
    const first = w.toBytes();
    first[0] = 0xff;
    w.u8(3);
    expect([...w.toBytes()]).toEqual([1, 2, 3]);
  });

  it("round-trips through ByteReader", () => {
    const bytes = new ByteWriter().s16(-1234, "le").u32(4_000_000_000).s8(-5).s32(-70000, "le").toBytes();
    const r = new ByteReader(bytes);
    expect([r.s16("le"), r.u32(), r.s8(), r.s32("le")]).toEqual([-1234, 4_000_000_000, -5, -70000]);
  });
});
