import { hex, toHex } from "@batt/core";
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  decodeResponse,
  defineRegisterMap,
  encodeRequest,
  encodeRtuFrame,
  planBlockReads,
  readRegisterMap,
  type RegisterFields,
} from "../src/index.js";
import { evcHolding, evcInput, voltaic } from "./reference-maps.js";
import { setupLink } from "./support.js";

describe("register maps: decoding", () => {
  it("decodes the captured phase voltages (docs/protocols/evcharger.md#phase-voltages-read)", () => {
    const reply = decodeResponse(hex`04 06 5D 3E 5D 7B 5D 81`, { kind: "read-input-registers", address: 0, count: 3 });
    if (reply.kind !== "read-input-registers") throw new Error(`unexpected ${reply.kind}`);
    const registers = reply.values;
    expect(evcInput.decodePartial(0, registers)).toEqual({ voltageL1: 238.7, voltageL2: 239.31, voltageL3: 239.37 });
    expect(evcInput.decodeField("voltageL2", 0, registers)).toBe(239.31);
  });

  it("decodes a 32-bit counter in either word order, as each generation sends it", () => {
    // The same two registers, 0x0001 0x86A0: high-first 100000 → 10000.0 kWh; low-first reads 65536× too much.
    expect(evcInput.decodeField("energyTotal", 0x10, [0x0001, 0x86a0])).toBe(10000);
    const lowFirst = defineRegisterMap({ e: { address: 0, type: "u32", wordOrder: "low-first", scale: 0.1 } });
    expect(lowFirst.decodeField("e", 0, [0x0001, 0x86a0])).toBeCloseTo(0x86a00001 / 10, 6);
    expect(lowFirst.decodeField("e", 0, [0x86a0, 0x0001])).toBe(10000);
    const signed = defineRegisterMap({
      hi: { address: 0, type: "s32", wordOrder: "high-first" },
      lo: { address: 2, type: "s32", wordOrder: "low-first" },
    });
    expect(signed.decode(0, [0xffff, 0xfffe, 0xfffe, 0xffff])).toEqual({ hi: -2, lo: -2 });
  });

  it("decodes signed registers as two's complement (docs/protocols/voltaic.md#signed-values: −2.00 A is 65336)", () => {
    const values = voltaic.decodePartial(0x3045, [87, 1320, 65336]);
    expect(values).toEqual({ soc: 87, batteryVoltage: 13.2, batteryCurrent: -2 });
    expect(voltaic.decodeField("batteryVoltageGuide", 0x30a0, [0x0546])).toBe(13.5); // the guide's 01 04 02 05 46
    expect(voltaic.decodeField("environmentTemperature", 0x30a0, [0, 0, 0xfe0c])).toBe(-5);
  });

  it("decodes enums with their names and keeps unknown values", () => {
    expect(evcInput.decodeField("state", 0x1d, [2])).toEqual({ value: 2, name: "Charging" });
    expect(evcInput.decodeField("state", 0x1d, [17])).toEqual({ value: 17, name: undefined });
  });

  it("decodes flags into set bit numbers and their names", () => {
    // Low word first: 0x0003 0x0002 → 0x00020003: bits 0, 1, 17.
    expect(evcInput.decodeField("faultCode", 0x1e, [0x0003, 0x0002])).toEqual({
      value: 0x20003,
      bits: [0, 1, 17],
      names: ["emergency stop", "overcurrent", "CP voltage"],
    });
    const load = defineRegisterMap({ loadState: { address: 0x3035, type: "flags", bits: { 0: "load on" } } });
    expect(load.decodeField("loadState", 0x3035, [0x8001])).toEqual({ value: 0x8001, bits: [0, 15], names: ["load on"] });
  });

  it("decodes strings in either byte order and stops at NUL", () => {
    const registers = [0x4333, 0x3131, 0x4131, 0x3233, 0x3400, 0x0000, 0x0000]; // "C311A1234"
    expect(evcHolding.decodeField("serial", 0x600, registers)).toBe("C311A1234");
    const swapped = defineRegisterMap({ s: { address: 0, type: "string", length: 2, byteOrder: "low-first" } });
    expect(swapped.decodeField("s", 0, [0x3343, 0x3131])).toBe("C311");
  });

  it("decodes a whole map from planned blocks, and says which field a block misses", () => {
    const registers = new Array<number>(0x20).fill(0);
    registers[0x1d] = 4;
    const all = evcInput.decode(0, registers);
    expect(all.state.name).toBe("Faulted");
    expect(() => evcInput.decode(0, registers.slice(0, 0x1f))).toThrow(expect.objectContaining({ code: "invalid-argument" }));
    expectTypeOf(all.state.name).toEqualTypeOf<"Available" | "Preparing" | "Charging" | "Finishing" | "Faulted" | "Unavailable" | undefined>();
    expectTypeOf(all.voltageL1).toEqualTypeOf<number>();
    expectTypeOf<ReturnType<typeof evcHolding.decode>["serial"]>().toEqualTypeOf<string>();
    expectTypeOf<Parameters<typeof evcHolding.encode<"command">>[1]>().toEqualTypeOf<"available" | "unavailable" | "stop" | "start" | "reserve" | "cancel" | number>();
  });
});

describe("register maps: encoding writes", () => {
  it("encodes the documented charging-current and command writes (docs/protocols/evcharger.md#derived-request-frames)", () => {
    const current = evcHolding.encode("maxCurrent", 12);
    expect(current).toEqual({ address: 0x0628, registers: [1200] });
    const frame = encodeRtuFrame(0x46, encodeRequest({ kind: "write-single-register", address: current.address, value: current.registers[0]! }));
    expect(toHex(frame)).toBe("46 06 06 28 04 b0 05 49");
    const start = evcHolding.encode("command", "start");
    expect(toHex(encodeRtuFrame(0x46, encodeRequest({ kind: "write-single-register", address: start.address, value: start.registers[0]! })))).toBe(
      "46 06 06 27 00 04 37 fd",
    );
    expect(evcHolding.encode("command", 3).registers).toEqual([3]);
  });

  it("encodes the low-voltage protection write (docs/protocols/voltaic.md#request-frames)", () => {
    const lvp = defineRegisterMap({ lvp: { address: 0x9022, type: "u16", scale: 0.01, unit: "V", min: 10, max: 13 } });
    const write = lvp.encode("lvp", 11.5);
    expect(toHex(encodeRtuFrame(1, encodeRequest({ kind: "write-multiple-registers", address: write.address, values: write.registers })))).toBe(
      "01 10 90 22 00 01 02 04 7e b2 3b",
    );
    expect(() => lvp.encode("lvp", 9.99)).toThrow(expect.objectContaining({ code: "invalid-argument" }));
    expect(() => lvp.encode("lvp", 13.01)).toThrow(expect.objectContaining({ code: "invalid-argument" }));
  });

  it("encodes both word orders and signed values", () => {
    expect(evcHolding.encode("energyTotal", 10000)).toEqual({ address: 0x0619, registers: [0x86a0, 0x0001] });
    expect(evcInput.encode("energyTotal", 10000).registers).toEqual([0x0001, 0x86a0]);
    expect(evcHolding.encode("timezone", -5).registers).toEqual([0xfffb]);
    expect(voltaic.encode("batteryCurrent", -2).registers).toEqual([65336]);
    const s32 = defineRegisterMap({ v: { address: 0, type: "s32", wordOrder: "low-first" } });
    expect(s32.encode("v", -2).registers).toEqual([0xfffe, 0xffff]);
  });

  it("round-trips enums, flags and strings", () => {
    const flags = evcInput.encode("faultCode", ["overcurrent", "power selection"]);
    expect(flags.registers).toEqual([0x0002, 0x0001]);
    expect(evcInput.decodeField("faultCode", 0x1e, flags.registers).names).toEqual(["overcurrent", "power selection"]);
    const serial = evcHolding.encode("serial", "C322A0000001XY");
    expect(serial.registers[0]).toBe(0x4333);
    expect(evcHolding.decodeField("serial", 0x600, serial.registers)).toBe("C322A0000001XY");
    expect(evcHolding.encode("serial", "AB").registers).toEqual([0x4142, 0, 0, 0, 0, 0, 0]);
  });

  it.each([
    ["a current below the minimum", () => evcHolding.encode("maxCurrent", 5.99)],
    ["a timezone above the maximum", () => evcHolding.encode("timezone", 13)],
    ["NaN", () => evcHolding.encode("maxCurrent", Number.NaN)],
    ["an s16 that does not fit", () => voltaic.encode("batteryCurrent", 400)],
    ["a u16 that does not fit", () => voltaic.encode("soc", 70000)],
    ["a negative u16", () => voltaic.encode("soc", -1)],
    ["an unknown enum name", () => evcHolding.encode("command", "explode" as "start")],
    ["an enum value the table lacks", () => evcHolding.encode("command", 9)],
    ["an unknown flag", () => evcInput.encode("faultCode", ["meltdown" as "overcurrent"])],
    ["a flags value that does not fit", () => evcInput.encode("faultCode", 2 ** 32)],
    ["a string that is too long", () => evcHolding.encode("serial", "C322A0000001XYZ")],
    ["a character beyond 8 bits", () => evcHolding.encode("serial", "Ω")],
  ])("refuses %s with invalid-argument", (_name, encode) => {
    expect(encode).toThrow(expect.objectContaining({ code: "invalid-argument" }));
  });

  it("refuses malformed field tables", () => {
    const bad = (fields: RegisterFields) => () => defineRegisterMap(fields);
    expect(bad({ x: { address: 0xffff, type: "u32", wordOrder: "high-first" } })).toThrow(expect.objectContaining({ code: "invalid-argument" }));
    expect(bad({ x: { address: 0, type: "u32" } as never })).toThrow(expect.objectContaining({ code: "invalid-argument" }));
    expect(bad({ x: { address: 0, type: "flags", bits: { 16: "too high" } } })).toThrow(expect.objectContaining({ code: "invalid-argument" }));
    expect(bad({ x: { address: 0, type: "string", length: 0 } })).toThrow(expect.objectContaining({ code: "invalid-argument" }));
    expect(bad({ x: { address: 0, type: "u16", scale: 0 } })).toThrow(expect.objectContaining({ code: "invalid-argument" }));
  });
});

describe("planning block reads", () => {
  it("joins adjacent fields and splits at gaps", () => {
    expect(voltaic.planReads()).toEqual([
      { address: 0x3045, count: 3, fields: ["soc", "batteryVoltage", "batteryCurrent"] },
      { address: 0x304b, count: 1, fields: ["loadCurrent"] },
      { address: 0x304e, count: 1, fields: ["pvVoltage"] },
      { address: 0x30a0, count: 1, fields: ["batteryVoltageGuide"] },
      { address: 0x30a2, count: 1, fields: ["environmentTemperature"] },
    ]);
  });

  it("spans small gaps when allowed and keeps reads within the limit", () => {
    expect(voltaic.planReads({ maxGap: 4 }).map((b) => [b.address, b.count])).toEqual([
      [0x3045, 10],
      [0x30a0, 3],
    ]);
    expect(voltaic.planReads({ maxGap: 100 }).map((b) => [b.address, b.count])).toEqual([[0x3045, 0x30a3 - 0x3045]]);
    expect(voltaic.planReads({ maxGap: 100, maxCount: 50 }).map((b) => [b.address, b.count])).toEqual([
      [0x3045, 10],
      [0x30a0, 3],
    ]);
    expect(evcInput.planReads({ names: ["faultCode", "voltageL1"], maxGap: 64 })).toEqual([
      { address: 0, count: 0x20, fields: ["voltageL1", "faultCode"] },
    ]);
  });

  it("refuses a field larger than one read", () => {
    expect(() => planBlockReads([{ name: "blob", address: 0, size: 126 }])).toThrow(expect.objectContaining({ code: "invalid-argument" }));
  });

  it("reads and decodes a whole map from a device in planned blocks", async () => {
    const { client, bank } = await setupLink();
    for (const [name, value] of [["soc", 87], ["batteryVoltage", 13.2], ["batteryCurrent", -2], ["loadCurrent", -0.5], ["pvVoltage", 19.87], ["batteryVoltageGuide", 13.2], ["environmentTemperature", -5]] as const) {
      const write = voltaic.encode(name, value);
      bank.inputRegisters.write(write.address, write.registers);
    }
    const values = await readRegisterMap(client, 1, voltaic, { table: "input", maxGap: 4 });
    expect(values).toEqual({
      soc: 87,
      batteryVoltage: 13.2,
      batteryCurrent: -2,
      loadCurrent: -0.5,
      pvVoltage: 19.87,
      batteryVoltageGuide: 13.2,
      environmentTemperature: -5,
    });
    expect(client.counters.requests).toBe(2);
  });
});
