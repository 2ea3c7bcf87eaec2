import { describe, expect, it } from "vitest";
import { bytesEqual, concatBytes, fromHex, indexOfBytes } from "../src/index.js";

describe("concatBytes", () => {
  it("joins parts in order into a new array", () => {
    const a = fromHex("01 02");
    const b = fromHex("03");
    const joined = concatBytes(a, new Uint8Array(0), b, fromHex("04 05"));
    expect([...joined]).toEqual([1, 2, 3, 4, 5]);
    joined[0] = 9;
    expect(a[0]).toBe(1);
  });

  it("returns an empty array for no parts", () => {
    expect(concatBytes().length).toBe(0);
  });
});

describe("bytesEqual", () => {
  it("compares length and content", () => {
    expect(bytesEqual(fromHex("01 02"), fromHex("01 02"))).toBe(true);
    expect(bytesEqual(fromHex("01 02"), fromHex("01 03"))).toBe(false);
    expect(bytesEqual(fromHex("01 02"), fromHex("01 02 00"))).toBe(false);
    expect(bytesEqual(new Uint8Array(0), new Uint8Array(0))).toBe(true);
  });
});

describe("indexOfBytes", () => {
  const haystack = fromHex("4e 00 4e 57 00 4e 57");

  it("finds the first occurrence at or after from", () => {
    expect(indexOfBytes(haystack, fromHex("4e 57"))).toBe(2);
    expect(indexOfBytes(haystack, fromHex("4e 57"), 3)).toBe(5);
    expect(indexOfBytes(haystack, fromHex("57"))).toBe(3);
  });

  it("returns -1 when absent or cut off by the end", () => {
    expect(indexOfBytes(haystack, fromHex("57 4e"))).toBe(-1);
    expect(indexOfBytes(fromHex("00 4e"), fromHex("4e 57"))).toBe(-1);
    expect(indexOfBytes(haystack, fromHex("4e 57"), 6)).toBe(-1);
  });

  it("finds an empty needle at from while from is inside the array", () => {
    expect(indexOfBytes(haystack, new Uint8Array(0), 3)).toBe(3);
    expect(indexOfBytes(haystack, new Uint8Array(0), 7)).toBe(7);
    expect(indexOfBytes(haystack, new Uint8Array(0), 8)).toBe(-1);
  });
});
