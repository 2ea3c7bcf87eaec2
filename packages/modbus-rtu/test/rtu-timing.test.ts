import { describe, expect, it } from "vitest";
import { rtuTiming } from "../src/index.js";

describe("rtuTiming", () => {
  it("scales with the character time up to 19200 baud", () => {
    const t = rtuTiming({ baudRate: 9600 });
    expect(t.bitsPerCharacter).toBe(10); // start + 8 data + 1 stop
    expect(t.characterMs).toBeCloseTo(10000 / 9600, 9);
    expect(t.t15Ms).toBeCloseTo(1.5 * 10000 / 9600, 9);
    expect(t.t35Ms).toBeCloseTo(3.5 * 10000 / 9600, 9); // ≈ 3.65 ms
    expect(t.frameMs(8)).toBeCloseTo(80000 / 9600, 9);
    expect(rtuTiming({ baudRate: 19200 }).t35Ms).toBeCloseTo(3.5 * 10000 / 19200, 9);
  });

  it("counts parity and stop bits", () => {
    expect(rtuTiming({ baudRate: 9600, parity: "even" }).bitsPerCharacter).toBe(11);
    expect(rtuTiming({ baudRate: 9600, stopBits: 2 }).bitsPerCharacter).toBe(11);
    expect(rtuTiming({ baudRate: 9600, dataBits: 7, parity: "odd", stopBits: 2 }).bitsPerCharacter).toBe(11);
  });

  it("uses the fixed 0.75 ms / 1.75 ms above 19200 baud", () => {
    const t = rtuTiming({ baudRate: 38400 });
    expect(t.t15Ms).toBe(0.75);
    expect(t.t35Ms).toBe(1.75);
    expect(t.frameMs(100)).toBeCloseTo(100 * 10000 / 38400, 9);
  });

  it("refuses a baud rate that is not positive", () => {
    expect(() => rtuTiming({ baudRate: 0 })).toThrow(expect.objectContaining({ code: "invalid-argument" }));
    expect(() => rtuTiming({ baudRate: Number.NaN })).toThrow(expect.objectContaining({ code: "invalid-argument" }));
  });
});
