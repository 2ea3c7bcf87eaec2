import { describe, expect, it } from "vitest";
import { BattError, fromHex, hex, isBattError, toHex } from "../src/index.js";

function errorOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}

describe("toHex", () => {
  it("writes lowercase pairs separated by a space", () => {
    expect(toHex(Uint8Array.of(0x01, 0x03, 0xab, 0xff, 0x00))).toBe("01 03 ab ff 00");
  });

  it("uses the separator given", () => {
    const bytes = Uint8Array.of(0xdd, 0xa5, 0x03);
    expect(toHex(bytes, "")).toBe("dda503");
    expect(toHex(bytes, ":")).toBe("dd:a5:03");
    expect(toHex(bytes, ", ")).toBe("dd, a5, 03");
  });

  it("writes nothing for no bytes and no separator for one byte", () => {
    expect(toHex(new Uint8Array(0))).toBe("");
    expect(toHex(Uint8Array.of(7), "-")).toBe("07");
  });

  it("writes only the bytes of a subarray", () => {
    const whole = Uint8Array.of(1, 2, 3, 4);
    expect(toHex(whole.subarray(1, 3))).toBe("02 03");
  });
});

describe("fromHex", () => {
  it("reads spaced pairs in any case", () => {
    expect([...fromHex("DD A5 03 00 FF FD 77")]).toEqual([0xdd, 0xa5, 0x03, 0x00, 0xff, 0xfd, 0x77]);
    expect([...fromHex("dd a5 Fd")]).toEqual([0xdd, 0xa5, 0xfd]);
  });

  it("reads digits without separators", () => {
    expect([...fromHex("010300000001840A")]).toEqual([1, 3, 0, 0, 0, 1, 0x84, 0x0a]);
  });

  it("accepts colons, commas, dashes, underscores, tabs and newlines as separators", () => {
    expect([...fromHex("01:02,03-04_05\t06\n07\r\n08")]).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it("accepts 0x prefixes in either case", () => {
    expect([...fromHex("0x01,0x03")]).toEqual([1, 3]);
    expect([...fromHex("0X1F 0xa0")]).toEqual([0x1f, 0xa0]);
    expect([...fromHex("0x0a0b")]).toEqual([0x0a, 0x0b]);
  });

  it("reads empty text as no bytes", () => {
    expect(fromHex("")).toEqual(new Uint8Array(0));
    expect(fromHex("  \n ")).toEqual(new Uint8Array(0));
  });

  it("rejects an odd number of digits with invalid-argument", () => {
    for (const text of ["1", "01 2", "0x123", "abc"]) {
      const error = errorOf(() => fromHex(text));
      expect(error).toBeInstanceOf(BattError);
      expect(isBattError(error, "invalid-argument")).toBe(true);
    }
  });

  it("rejects characters that are not hex with invalid-argument", () => {
    for (const text of ["0g", "zz", "01 02 x3", "12.34", "+1", "01;02", "éé"]) {
      const error = errorOf(() => fromHex(text));
      expect(isBattError(error, "invalid-argument")).toBe(true);
      expect((error as BattError).message).toContain(text);
    }
  });

  it("round-trips every byte value through toHex", () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(fromHex(toHex(all))).toEqual(all);
    expect(fromHex(toHex(all, "")).toString()).toBe(all.toString());
    expect(fromHex(toHex(all).toUpperCase())).toEqual(all);
  });
});

describe("hex``", () => {
  it("parses the template text", () => {
    expect([...hex`01 03 00 00 00 01 84 0A`]).toEqual([1, 3, 0, 0, 0, 1, 0x84, 0x0a]);
  });

  it("spans lines", () => {
    const bytes = hex`
      DD 04 00 08
      0F 45 0F 3D
    `;
    expect([...bytes]).toEqual([0xdd, 0x04, 0x00, 0x08, 0x0f, 0x45, 0x0f, 0x3d]);
  });

  it("joins interpolated values into the text before parsing", () => {
    const address = "46";
    const register = (0x0628).toString(16).padStart(4, "0");
    expect([...hex`${address} 06 ${register} 04 B0`]).toEqual([0x46, 0x06, 0x06, 0x28, 0x04, 0xb0]);
    expect([...hex`0x${"ff"}`]).toEqual([0xff]);
  });

  it("rejects bad text with invalid-argument", () => {
    expect(isBattError(errorOf(() => hex`01 0`), "invalid-argument")).toBe(true);
    expect(isBattError(errorOf(() => hex`01 ${"q"}2`), "invalid-argument")).toBe(true);
  });
});
