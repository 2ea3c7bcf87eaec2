import { describe, expect, it } from "vitest";
import { decodeRegisters } from "../src/modbus-values.js";

const big = { wordOrder: "big", byteOrder: "big" } as const;

describe("decodeRegisters: registers as numbers of a type and layout (mbpoll's -t 3:int, -t 3:float, -B)", () => {
  it("reads 16-bit registers signed or unsigned", () => {
    expect(decodeRegisters([0xfffe, 0x0005], { type: "int16", ...big })).toEqual([-2, 5]);
    expect(decodeRegisters([0xfffe, 0x0005], { type: "uint16", ...big })).toEqual([0xfffe, 5]);
  });

  it("reads 32-bit values from register pairs, high word first unless word order is little", () => {
    expect(decodeRegisters([0xffff, 0xfffe], { type: "int32", ...big })).toEqual([-2]);
    expect(decodeRegisters([0x0001, 0x0002], { type: "uint32", ...big })).toEqual([0x00010002]);
    expect(decodeRegisters([0x0002, 0x0001], { type: "uint32", wordOrder: "little", byteOrder: "big" })).toEqual([0x00010002]);
  });

  it("reads IEEE 754 floats (12.5 is 41 48 00 00) in every word and byte order", () => {
    expect(decodeRegisters([0x4148, 0x0000], { type: "float32", ...big })).toEqual([12.5]);
    expect(decodeRegisters([0x0000, 0x4148], { type: "float32", wordOrder: "little", byteOrder: "big" })).toEqual([12.5]);
    expect(decodeRegisters([0x4841, 0x0000], { type: "float32", wordOrder: "big", byteOrder: "little" })).toEqual([12.5]);
    expect(decodeRegisters([0x0000, 0x4841], { type: "float32", wordOrder: "little", byteOrder: "little" })).toEqual([12.5]);
  });

  it("refuses an odd number of registers for a 32-bit type", () => {
    expect(() => decodeRegisters([1, 2, 3], { type: "float32", ...big })).toThrow(/pairs/);
  });
});
