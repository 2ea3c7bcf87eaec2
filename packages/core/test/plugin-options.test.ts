import { describe, expect, it } from "vitest";
import { numberOption } from "../src/index.js";

describe("numberOption", () => {
  it("is undefined when absent or empty, and reads decimal and 0x hex", () => {
    expect(numberOption({}, "timeout")).toBeUndefined();
    expect(numberOption({ timeout: "" }, "timeout")).toBeUndefined();
    expect(numberOption({ timeout: false }, "timeout")).toBeUndefined();
    expect(numberOption({ timeout: "250" }, "timeout")).toBe(250);
    expect(numberOption({ address: "0x10" }, "address", { min: 1, max: 247, integer: true })).toBe(16);
    expect(numberOption({ current: "0.5" }, "current", { min: 0.05, max: 40 })).toBe(0.5);
  });

  it("refuses what is not a number, out of range, or not whole where it must be", () => {
    expect(() => numberOption({ timeout: "soon" }, "timeout")).toThrow(expect.objectContaining({ code: "invalid-argument", message: "--timeout must be a number, got soon" }));
    expect(() => numberOption({ address: "300" }, "address", { min: 1, max: 247, integer: true })).toThrow("--address must be an integer from 1 to 247, got 300");
    expect(() => numberOption({ address: "1.5" }, "address", { min: 1, max: 247, integer: true })).toThrow(/must be an integer/);
    expect(() => numberOption({ gap: "-1" }, "gap", { min: 0 })).toThrow("--gap must be a number ≥ 0, got -1");
    expect(() => numberOption({ level: "9" }, "level", { max: 5 })).toThrow("--level must be a number ≤ 5, got 9");
  });
});
