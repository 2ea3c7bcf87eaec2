import { toHex } from "@batt/core";
import { describe, expect, it } from "vitest";
import { encodeRequest, encodeRtuFrame } from "../src/index.js";
import { evcHolding as holding, voltaic } from "./reference-maps.js";

describe("register maps: several blocks", () => {
  it("decodes the fields that lie inside any of the blocks and leaves out the rest", () => {
    const values = voltaic.decodePartialBlocks([
      { address: 0x3045, registers: [87, 1320, 65336] },
      { address: 0x30a0, registers: [0x0546, 0, 0xfe0c] },
    ]);
    expect(values).toEqual({ soc: 87, batteryVoltage: 13.2, batteryCurrent: -2, batteryVoltageGuide: 13.5, environmentTemperature: -5 });
  });

  it("does not join a field from two blocks that each hold half of it", () => {
    expect(holding.decodePartialBlocks([{ address: 0x0618, registers: [0, 0x86a0] }, { address: 0x061a, registers: [1] }])).toEqual({});
    expect(holding.decodePartialBlocks([{ address: 0x0618, registers: [0, 0x86a0, 1] }])).toEqual({ energyTotal: 10000 });
    expect(holding.decodePartialBlocks([])).toEqual({});
  });
});

describe("register maps: one block write from named fields", () => {
  it("encodes the documented start-and-current write 46 10 06 27 00 02 04 00 04 0C 80 91 25 (docs/protocols/evcharger.md#derived-request-frames)", () => {
    const write = holding.encodeBlock({ address: 0x0627, count: 2 }, { command: "start", maxCurrent: 32 });
    expect(write).toEqual({ address: 0x0627, registers: [4, 3200] });
    const frame = encodeRtuFrame(0x46, encodeRequest({ kind: "write-multiple-registers", address: write.address, values: write.registers }));
    expect(toHex(frame)).toBe("46 10 06 27 00 02 04 00 04 0c 80 91 25");
  });

  it("leaves registers no given field covers at 0, and places multi-register fields in their word order", () => {
    expect(holding.encodeBlock({ address: 0x061e, count: 6 }, { rtcMinutes: 30, rtcHours: 12 }).registers).toEqual([0, 30, 12, 0, 0, 0]);
    expect(holding.encodeBlock({ address: 0x0618, count: 4 }, { energyTotal: 10000 }).registers).toEqual([0, 0x86a0, 0x0001, 0]);
    expect(holding.encodeBlock({ address: 0x0627, count: 1 }, {}).registers).toEqual([0]);
  });

  it.each([
    ["a value the field refuses", () => holding.encodeBlock({ address: 0x0627, count: 2 }, { maxCurrent: 40 })],
    ["a field outside the block", () => holding.encodeBlock({ address: 0x061e, count: 2 }, { rtcHours: 12 })],
    ["a field half outside the block", () => holding.encodeBlock({ address: 0x061a, count: 2 }, { energyTotal: 1 })],
    ["an empty block", () => holding.encodeBlock({ address: 0x0627, count: 0 }, {})],
    ["a block past 0xFFFF", () => holding.encodeBlock({ address: 0xffff, count: 2 }, {})],
  ])("refuses %s with invalid-argument", (_name, encode) => {
    expect(encode).toThrow(expect.objectContaining({ code: "invalid-argument" }));
  });
});
