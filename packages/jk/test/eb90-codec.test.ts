import { concatBytes, FrameDecoder, fromHex, toHex, type DecodeEvent } from "@batt/core";
import { countBattErrors, meterParser } from "@batt/core/testing";
import { describe, expect, it } from "vitest";
import { decodeEb90Command, encodeCellInfoCommand, encodeDeviceInfoCommand, encodeEb90Command } from "../src/eb90/eb90-command.js";
import { EB90_GENERATIONS, EB90_LAYOUTS } from "../src/eb90/eb90-generation.js";
import { decodeLayout, encodeLayout, fieldSize } from "../src/eb90/eb90-layout.js";
import { eb90Parser } from "../src/eb90/eb90-parser.js";
import type { Eb90Frame } from "../src/eb90/eb90-frame.js";
import * as E from "./fixtures/esphome-jk-bms.js";

describe("AA 55 90 EB commands (literal vectors)", () => {
  it("read device info 0x97 and cell info 0x96: 20 bytes, sum in byte 19", () => {
    expect(toHex(encodeDeviceInfoCommand())).toBe(toHex(fromHex("AA 55 90 EB 97 00 00 00 00 00 00 00 00 00 00 00 00 00 00 11")));
    expect(toHex(encodeCellInfoCommand())).toBe(toHex(fromHex("AA 55 90 EB 96 00 00 00 00 00 00 00 00 00 00 00 00 00 00 10")));
  });

  // syssi/esphome-jk-bms tests/components/jk_bms_ble/jk_bms_ble_write_command_test.cpp and
  // jk_bms_ble_protocol_select_test.cpp: register, length and value as captured, checksum of the zero-padded frame.
  it.each([
    [0x31, 1, 4, "AA 55 90 EB 31 04 01 00 00 00 00 00 00 00 00 00 00 00 00 B0"],
    [0x31, 0, 4, "AA 55 90 EB 31 04 00 00 00 00 00 00 00 00 00 00 00 00 00 AF"],
    [0xa5, 0, 2, "AA 55 90 EB A5 02 00 00 00 00 00 00 00 00 00 00 00 00 00 21"],
    [0xa6, 2, 2, "AA 55 90 EB A6 02 02 00 00 00 00 00 00 00 00 00 00 00 00 24"],
    // docs/protocols/jk.md#commands-to-the-bms: charge switch off, cell OVP 3.600 V.
    [0x1d, 0, 4, "AA 55 90 EB 1D 04 00 00 00 00 00 00 00 00 00 00 00 00 00 9B"],
    [0x04, 3600, 4, "AA 55 90 EB 04 04 10 0E 00 00 00 00 00 00 00 00 00 00 00 A0"],
  ])("register %i, value %i, length %i", (register, value, length, expected) => {
    const frame = encodeEb90Command(register, value, length);
    expect(toHex(frame)).toBe(toHex(fromHex(expected)));
    expect(decodeEb90Command(frame)).toEqual({ register, length, value });
  });

  it("a setting write carries its raw value little-endian (cell OVP 3.65 V → 3650 mV = 42 0E 00 00)", () => {
    expect(toHex(encodeEb90Command(0x04, 3650, 4).subarray(4, 10))).toBe(toHex(fromHex("04 04 42 0E 00 00")));
  });

  it("refuses what it cannot encode, and a corrupted command", () => {
    expect(() => encodeEb90Command(0x100)).toThrow(expect.objectContaining({ code: "invalid-argument" }));
    expect(() => encodeEb90Command(0x1d, 1, 5)).toThrow(expect.objectContaining({ code: "invalid-argument" }));
    const bad = encodeCellInfoCommand();
    bad[19] = bad[19]! ^ 1;
    expect(() => decodeEb90Command(bad)).toThrow(expect.objectContaining({ code: "checksum" }));
    expect(() => decodeEb90Command(bad.subarray(0, 19))).toThrow(expect.objectContaining({ code: "frame" }));
  });
});

describe("every byte of a frame is accounted for by its layout", () => {
  for (const generation of EB90_GENERATIONS) {
    for (const [type, layout] of Object.entries(EB90_LAYOUTS[generation])) {
      it(`${generation} type ${type} (${layout.name}): each of the 300 offsets covered exactly once, fields in order`, () => {
        const owner = new Array<string | undefined>(300).fill(undefined);
        let previousEnd = 0;
        for (const field of layout.fields) {
          expect(field.offset, `${field.key} starts where the previous entry ended`).toBe(previousEnd);
          const size = fieldSize(field);
          expect(size, field.key).toBeGreaterThan(0);
          for (let at = field.offset; at < field.offset + size; at++) {
            expect(owner[at], `offset ${at} claimed by ${owner[at]} and ${field.key}`).toBeUndefined();
            owner[at] = field.key;
          }
          previousEnd = field.offset + size;
        }
        expect(owner.findIndex((o) => o === undefined)).toBe(-1);
        expect(layout.fields.at(-1)).toMatchObject({ key: "checksum", offset: 299 });
        const keys = layout.fields.filter((f) => !f.reserved).map((f) => f.key);
        expect(new Set(keys).size).toBe(keys.length);
      });
    }
  }

  it("encoding a decoded capture's values back gives the capture's payload bytes (outside reserved bytes)", () => {
    const layout = EB90_LAYOUTS["jk02-32s"][2]!;
    const values = decodeLayout(layout, E.CELL_INFO_JK02_32S_V19);
    const rebuilt = E.CELL_INFO_JK02_32S_V19.slice();
    for (const f of layout.fields) if (!f.reserved && !f.envelope) rebuilt.fill(0, f.offset, f.offset + fieldSize(f));
    encodeLayout(layout, values, rebuilt);
    expect(toHex(rebuilt)).toBe(toHex(E.CELL_INFO_JK02_32S_V19));
  });
});

function feed(bytes: Uint8Array, chunk: number, parser = eb90Parser): { events: DecodeEvent<Eb90Frame>[]; decoder: FrameDecoder<Eb90Frame> } {
  const decoder = new FrameDecoder(parser);
  const events: DecodeEvent<Eb90Frame>[] = [];
  for (let at = 0; at < bytes.length; at += chunk) events.push(...decoder.push(bytes.subarray(at, at + chunk)));
  return { events, decoder };
}

const frames = (events: DecodeEvent<Eb90Frame>[]): Eb90Frame[] => events.flatMap((e) => (e.type === "frame" ? [e.frame] : []));

describe("the 55 AA EB 90 stream parser", () => {
  it("two frames in 20-byte notifications (BLE fragments), with garbage and a stray 55 before them", () => {
    const stream = concatBytes(fromHex("00 FF 55 13 4E 57"), E.DEVICE_INFO_JK02_32S_V11, E.CELL_INFO_JK02_32S_V11);
    const { events } = feed(stream, 20);
    expect(frames(events).map((f) => [f.type, f.counter])).toEqual([
      [3, 0x6b],
      [2, 0xe8],
    ]);
    expect(events[0]).toMatchObject({ type: "skipped", code: "frame" });
    expect((events[0] as { bytes: Uint8Array }).bytes).toHaveLength(6);
  });

  it("a corrupted frame is skipped as a checksum failure and the next frame still decodes", () => {
    const bad = E.CELL_INFO_JK02_24S_V10.slice();
    bad[100] = bad[100]! ^ 0x40;
    const { events } = feed(concatBytes(bad, E.CELL_INFO_JK02_24S_V10_NEG_TEMPS), 64);
    expect(events.filter((e) => e.type === "skipped" && e.code === "checksum")).toHaveLength(1);
    expect(frames(events).map((f) => f.bytes)).toEqual([E.CELL_INFO_JK02_24S_V10_NEG_TEMPS]);
  });

  it("a false header 20 bytes before a real frame costs the real frame nothing", () => {
    const { events } = feed(concatBytes(fromHex("55 AA EB 90 02"), new Uint8Array(15), E.CELL_INFO_JK02_32S_V19, new Uint8Array(300)), 300);
    expect(frames(events).map((f) => f.bytes)).toEqual([E.CELL_INFO_JK02_32S_V19]);
  });

  it("a header flood costs at most 80 byte reads per byte and builds no BattError", () => {
    const size = 16 * 1024;
    const flood = Uint8Array.from({ length: size }, (_, i) => [0x55, 0xaa, 0xeb, 0x90][i % 4]!);
    const { parser, work } = meterParser(eb90Parser, { budget: 80 * size });
    const { result, constructed } = countBattErrors(() => feed(concatBytes(flood, E.CELL_INFO_JK02_32S_V11), 256, parser));
    expect(constructed).toBe(0);
    expect(work.reads).toBeLessThanOrEqual(80 * size);
    expect(frames(result.events).map((f) => f.bytes)).toEqual([E.CELL_INFO_JK02_32S_V11]);
  });

  it("noise without 55 is dropped in one step per chunk", () => {
    const { parser, work } = meterParser(eb90Parser);
    feed(new Uint8Array(8192).fill(0x13), 1024, parser);
    expect(work.calls).toBeLessThanOrEqual(8);
  });
});
