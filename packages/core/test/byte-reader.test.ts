import { describe, expect, it } from "vitest";
import { BattError, ByteReader, fromHex, isBattError } from "../src/index.js";

function errorOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}

describe("ByteReader", () => {
  it("reads unsigned values of every width, big-endian by default", () => {
    const r = new ByteReader(fromHex("fe 12 34 89 ab cd ef"));
    expect(r.u8()).toBe(0xfe);
    expect(r.u16()).toBe(0x1234);
    expect(r.u32()).toBe(0x89abcdef);
    expect(r.remaining).toBe(0);
  });

  it("reads little-endian when told", () => {
    const r = new ByteReader(fromHex("34 12 ef cd ab 89 fe ff 78 56 34 f2"));
    expect(r.u16("le")).toBe(0x1234);
    expect(r.u32("le")).toBe(0x89abcdef);
    expect(r.s16("le")).toBe(-2);
    expect(r.s32("le")).toBe(0xf2345678 - 0x1_0000_0000);
  });

  it("reads two's complement signed values", () => {
    const r = new ByteReader(fromHex("80 7f ff ff 80 00 7f ff ff ff ff fe 80 00 00 00 7f ff ff ff"));
    expect(r.s8()).toBe(-128);
    expect(r.s8()).toBe(127);
    expect(r.s8()).toBe(-1);
    expect(r.s8()).toBe(-1);
    expect(r.s16()).toBe(-32768);
    expect(r.s16("be")).toBe(32767);
    expect(r.s32()).toBe(-2);
    expect(r.s32()).toBe(-2147483648);
    expect(r.s32()).toBe(2147483647);
  });

  it("decodes a documented signed value: 0xFFEC is −20 (JK charge UTP, docs/protocols/jk.md#14s-read-all-reply)", () => {
    expect(new ByteReader(fromHex("ff ec")).s16()).toBe(-20);
    expect(new ByteReader(fromHex("ff ec")).u16()).toBe(0xffec);
  });

  it("starts at the offset given and tracks offset and remaining", () => {
    const r = new ByteReader(fromHex("00 00 5d 3e 5d 7b"), 2);
    expect(r.remaining).toBe(4);
    expect(r.u16()).toBe(23870);
    expect(r.offset).toBe(4);
    r.offset = 2;
    expect(r.u16()).toBe(0x5d3e);
  });

  it("reads a subarray at its own offset, not the buffer's", () => {
    const backing = fromHex("aa bb 01 02 cc");
    const r = new ByteReader(backing.subarray(2, 4));
    expect(r.u16()).toBe(0x0102);
    expect(() => r.u8()).toThrow(BattError);
  });

  it("returns a view for bytesView and moves past skipped bytes", () => {
    const bytes = fromHex("01 02 03 04 05");
    const r = new ByteReader(bytes);
    expect(r.skip(1)).toBe(r);
    const view = r.bytesView(3);
    expect([...view]).toEqual([2, 3, 4]);
    bytes[2] = 0x33;
    expect(view[1]).toBe(0x33); // a view, not a copy
    expect(r.u8()).toBe(5);
    expect([...r.bytesView(0)]).toEqual([]);
  });

  it("reads up to the last byte exactly", () => {
    const r = new ByteReader(fromHex("01 02 03 04"));
    expect(r.u32()).toBe(0x01020304);
    expect(r.remaining).toBe(0);
  });

  it.each([
    ["u8", (r: ByteReader) => r.u8(), 0],
    ["s8", (r: ByteReader) => r.s8(), 0],
    ["u16", (r: ByteReader) => r.u16(), 1],
    ["s16 le", (r: ByteReader) => r.s16("le"), 1],
    ["u32", (r: ByteReader) => r.u32(), 3],
    ["s32", (r: ByteReader) => r.s32(), 3],
    ["bytesView", (r: ByteReader) => r.bytesView(4), 3],
    ["skip", (r: ByteReader) => r.skip(2), 1],
  ])("%s past the end throws frame with the bytes, leaving the offset", (_name, read, size) => {
    const bytes = new Uint8Array(size);
    const r = new ByteReader(bytes);
    const error = errorOf(() => read(r));
    expect(isBattError(error, "frame")).toBe(true);
    expect((error as BattError).context.raw).toBe(bytes);
    expect(r.offset).toBe(0);
  });

  it("rejects a negative length with frame", () => {
    const r = new ByteReader(fromHex("01 02"), 1);
    expect(isBattError(errorOf(() => r.skip(-1)), "frame")).toBe(true);
    expect(isBattError(errorOf(() => r.bytesView(-1)), "frame")).toBe(true);
    expect(r.offset).toBe(1);
  });
});
