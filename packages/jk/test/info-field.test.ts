import { concatBytes, fromHex, isBattError } from "@batt/core";
import { describe, expect, it } from "vitest";
import { decodeCurrent, decodeInfoField, decodeJkFrame, decodeTemperature, encodeCurrent, encodeTemperature, splitInfoField } from "../src/index.js";
import { FRAME_14S } from "./reference-frames.js";

const info14 = decodeJkFrame(FRAME_14S).info;
const at = (id: number): number => {
  const entries = splitInfoField(info14);
  let offset = 0;
  for (const e of entries) {
    if (e.id === id) return offset;
    offset += 1 + (e.id === 0x79 ? 1 : 0) + e.raw.length;
  }
  throw new Error("not found");
};

function thrown(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe("information field walk", () => {
  it("tolerates firmware that stops early", () => {
    const cut = info14.subarray(0, at(0xb8));
    const snapshot = decodeInfoField(cut);
    expect(snapshot.values.softwareVersion).toBe("H6.X__S6.1.3S__");
    expect(snapshot.values.protocolVersion).toBeUndefined();
    expect(snapshot.currentEncoding).toBe("offset");
  });

  it("rejects a value cut in the middle", () => {
    const error = thrown(() => decodeInfoField(info14.subarray(0, at(0xb7) + 5)));
    expect(isBattError(error, "frame")).toBe(true);
    expect((error as Error).message).toMatch(/B7.*15 byte/);
  });

  it("reports an added identifier whose length is given", () => {
    const extra = concatBytes(info14.subarray(0, at(0x89)), fromHex("88 12 34"), info14.subarray(at(0x89)));
    const snapshot = decodeInfoField(extra, { extraIdentifiers: { 0x88: 2 } });
    expect(snapshot.unknown).toEqual([{ id: 0x88, raw: fromHex("12 34"), inferred: false }]);
    expect(snapshot.values.totalCycleCapacity).toBe(0);
    expect(snapshot.values.protocolVersion).toBe(1);
  });

  it("reports an added identifier whose length the layout gives", () => {
    const extra = concatBytes(info14, fromHex("C1 00 00 07"));
    const snapshot = decodeInfoField(extra);
    expect(snapshot.unknown).toEqual([{ id: 0xc1, raw: fromHex("00 00 07"), inferred: true }]);
    const middle = concatBytes(info14.subarray(0, at(0x8e)), fromHex("8D 00 01"), info14.subarray(at(0x8e)));
    expect(decodeInfoField(middle).unknown).toEqual([{ id: 0x8d, raw: fromHex("00 01"), inferred: true }]);
    expect(decodeInfoField(middle).values.current).toBe(2.08);
  });

  it("rejects a frame with an identifier whose length cannot be known", () => {
    // An identifier above every known one in the middle: what follows never walks in ascending order.
    const bad = concatBytes(info14.subarray(0, at(0x8e)), fromHex("D0 00 01"), info14.subarray(at(0x8e)));
    const error = thrown(() => decodeInfoField(bad));
    expect(isBattError(error, "frame")).toBe(true);
    expect((error as Error).message).toMatch(/unknown identifier D0.*length is unknown/);
  });

  it("rejects a cell list whose length is not a multiple of 3", () => {
    expect(isBattError(thrown(() => decodeInfoField(fromHex("79 04 01 0E ED 02"))), "frame")).toBe(true);
  });
});

describe("value encodings", () => {
  it("decodes the current by protocol version (docs/protocols/jk.md#current-0x84)", () => {
    expect(decodeCurrent(0x07d0, "sign-magnitude")).toBe(-20);
    expect(decodeCurrent(0x87d0, "sign-magnitude")).toBe(20);
    expect(decodeCurrent(0x0000, "sign-magnitude")).toBe(0);
    expect(Object.is(decodeCurrent(0x0000, "sign-magnitude"), -0)).toBe(false);
    expect(decodeCurrent(11000, "offset")).toBe(-10);
    expect(decodeCurrent(9500, "offset")).toBe(5);
    expect(decodeCurrent(0x2710, "offset")).toBe(0);
    for (const amps of [-20, -0.01, 0, 0.01, 2.08, 99.99]) {
      expect(decodeCurrent(encodeCurrent(amps, "sign-magnitude"), "sign-magnitude")).toBe(amps);
      expect(decodeCurrent(encodeCurrent(amps, "offset"), "offset")).toBe(amps);
    }
  });

  it("decodes negative temperatures by the chosen rule (docs/protocols/jk.md#temperatures-0x80-to-0x82)", () => {
    expect([decodeTemperature(100), decodeTemperature(101), decodeTemperature(29)]).toEqual([-1, -2, 29]);
    expect([decodeTemperature(100, "vendor"), decodeTemperature(101, "vendor")]).toEqual([100, -1]);
    expect([decodeTemperature(100, "dbus"), decodeTemperature(101, "dbus")]).toEqual([0, -1]);
    for (const rule of ["esphome", "vendor", "dbus"] as const) {
      for (const t of [-40, -1, 0, 25, 60]) expect(decodeTemperature(encodeTemperature(t, rule), rule)).toBe(t);
    }
  });

  it("applies the temperature rule to a whole reply", () => {
    const cold = concatBytes(info14.subarray(0, at(0x80)), fromHex("80 00 64"), info14.subarray(at(0x81)));
    expect(decodeInfoField(cold).values.mosTemperature).toBe(-1);
    expect(decodeInfoField(cold, { temperatureRule: "vendor" }).values.mosTemperature).toBe(100);
  });
});
