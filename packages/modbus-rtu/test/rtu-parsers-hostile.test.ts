import { concatBytes, FrameDecoder, hex, type DecodeEvent, type FrameParser } from "@batt/core";
import { countBattErrors, meterParser } from "@batt/core/testing";
import { describe, expect, it } from "vitest";
import { RTU_MAX_FRAME, rtuReplyParser, rtuRequestParser, rtuResponseParser, type ModbusFrame } from "../src/index.js";

// Linear time without a clock: the parser's byte reads are counted through a metered buffer (meterParser),
// BattError constructions through countBattErrors. Issue 14: the reply parser built a BattError for every
// rejected byte (16 s for 1 MiB of noise); the request parser searched CRC runs in quadratic time.

// docs/protocols/evcharger.md#phase-voltages-read: 46 04 00 00 00 03 BF 7C → 46 04 06 5D 3E 5D 7B 5D 81 C8 AD.
const REQUEST = hex`46 04 00 00 00 03 BF 7C`;
const REPLY = hex`46 04 06 5D 3E 5D 7B 5D 81 C8 AD`;
const expectReply = (): FrameParser<ModbusFrame> => rtuReplyParser({ unit: 0x46, functionCode: 0x04, pduLength: 8 });

const SIZE = 64 * 1024;

function repeat(unit: readonly number[], size: number): Uint8Array {
  return Uint8Array.from({ length: size }, (_, i) => unit[i % unit.length]!);
}

/** Deterministic noise; with `favoured`, half the bytes come from that list. */
function noise(size: number, favoured: readonly number[] = []): Uint8Array {
  let state = 4242;
  return Uint8Array.from({ length: size }, () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return favoured.length > 0 && state & 0x100 ? favoured[(state >>> 9) % favoured.length]! : (state >>> 16) & 0xff;
  });
}

function feed<F>(parser: FrameParser<F>, bytes: Uint8Array, chunk: number): { events: DecodeEvent<F>[]; decoder: FrameDecoder<F> } {
  const decoder = new FrameDecoder(parser);
  const events: DecodeEvent<F>[] = [];
  for (let at = 0; at < bytes.length; at += chunk) events.push(...decoder.push(bytes.subarray(at, at + chunk)));
  return { events, decoder };
}

interface HostileCase {
  readonly name: string;
  readonly bytes: (size: number) => Uint8Array;
  /** Checksum failures allowed for the whole input (overlapping false headers count once). */
  readonly checksumEvents: number;
}

function checkHostile(make: () => FrameParser<ModbusFrame>, c: HostileCase, size: number, chunk: number, readsPerByte: number, frame: Uint8Array): void {
  const { parser, work } = meterParser(make(), { budget: readsPerByte * size });
  // Enough real frames after the noise that a false header at its very end cannot hold them all up.
  const frames = concatBytes(...Array.from({ length: Math.ceil(RTU_MAX_FRAME / frame.length) + 1 }, () => frame));
  const { result, constructed } = countBattErrors(() => feed(parser, concatBytes(c.bytes(size), frames), chunk));
  expect(work.reads).toBeLessThanOrEqual(readsPerByte * size);
  expect(work.calls).toBeLessThanOrEqual(2 * size + frames.length);
  expect(work.resultsWithErrors).toBe(0);
  expect(constructed).toBe(0);
  const { events, decoder } = result;
  const accounted = events.reduce((n, e) => n + (e.type === "frame" ? e.raw.length : e.bytes.length), 0);
  expect(accounted + decoder.buffered).toBe(size + frames.length);
  expect(events.filter((e) => e.type === "skipped" && e.code === "checksum").length).toBeLessThanOrEqual(c.checksumEvents);
  expect(events.filter((e) => e.type === "frame").map((e) => (e as { raw: Uint8Array }).raw)).toContainEqual(frame);
}

describe("rtuReplyParser under hostile input: linear work, no error object per skipped byte", () => {
  // A start with our unit and function costs one CRC over the predicted length (11 bytes here); other
  // starts cost a look at their function code and, for a complete reply of another unit, one CRC.
  const READS_PER_BYTE = 64;
  const cases: HostileCase[] = [
    { name: "random noise", bytes: (n) => noise(n), checksumEvents: 64 },
    { name: "noise rich in 46, 04, 06", bytes: (n) => noise(n, [0x46, 0x04, 0x06]), checksumEvents: SIZE / 8 },
    { name: "false-header flood 46 04 06", bytes: (n) => repeat([0x46, 0x04, 0x06], n), checksumEvents: 1 },
  ];
  for (const c of cases) {
    for (const chunk of [SIZE, 64, 1]) {
      it(`${c.name}, 64 KiB in ${chunk === SIZE ? "one chunk" : `${chunk}-byte chunks`}: at most ${READS_PER_BYTE} reads per byte, no BattError`, () => {
        checkHostile(expectReply, c, SIZE, chunk, READS_PER_BYTE, REPLY);
      });
    }
  }
});

describe("rtuResponseParser (any reply, between requests) under hostile input: linear work, no error object per skipped byte", () => {
  // A start with a known function costs one CRC over the length its byte count gives (at most 256 bytes);
  // in the flood below a false start comes every 3 bytes.
  const READS_PER_BYTE = RTU_MAX_FRAME / 2;
  const cases: HostileCase[] = [
    { name: "random noise", bytes: (n) => noise(n), checksumEvents: SIZE / 16 },
    { name: "false-header flood 01 03 FA (a reply announcing 250 bytes)", bytes: (n) => repeat([0x01, 0x03, 0xfa], n), checksumEvents: 1 },
  ];
  for (const c of cases) {
    for (const chunk of [SIZE, 64]) {
      it(`${c.name}, 64 KiB in ${chunk === SIZE ? "one chunk" : `${chunk}-byte chunks`}: at most ${READS_PER_BYTE} reads per byte, no BattError`, () => {
        checkHostile(() => rtuResponseParser, c, SIZE, chunk, READS_PER_BYTE, REPLY);
      });
    }
  }
});

describe("rtuRequestParser under hostile input: linear work, no error object per skipped byte", () => {
  // A start with a function of unknown layout costs one CRC pass over at most 256 bytes (the shortest run
  // that ends in a good CRC); a known one, one CRC over its length.
  const READS_PER_BYTE = RTU_MAX_FRAME;
  // One byte at a time, each new byte is also tried as the end of a request behind a waiting start.
  const READS_PER_BYTE_ONE_BY_ONE = 4 * RTU_MAX_FRAME;
  const cases: HostileCase[] = [
    // Random noise holds a complete known request with a bad CRC every few hundred bytes: each is a real checksum failure.
    { name: "random noise", bytes: (n) => noise(n), checksumEvents: SIZE / 16 },
    { name: "false-header flood 01 10 00 00 00 78 F0 (a write announcing 249 bytes)", bytes: (n) => repeat([0x01, 0x10, 0x00, 0x00, 0x00, 0x78, 0xf0], n), checksumEvents: 1 },
  ];
  for (const c of cases) {
    for (const [size, chunk] of [
      [SIZE, SIZE],
      [SIZE / 4, 64],
      [SIZE / 16, 1],
    ] as const) {
      const budget = chunk === 1 ? READS_PER_BYTE_ONE_BY_ONE : READS_PER_BYTE;
      it(`${c.name}, ${size / 1024} KiB in ${chunk === size ? "one chunk" : `${chunk}-byte chunks`}: at most ${budget} reads per byte, no BattError`, () => {
        checkHostile(() => rtuRequestParser, c, size, chunk, budget, REQUEST);
      });
    }
  }

  it("work grows in proportion to the input: twice the bytes, at most 2.2 times the reads", () => {
    const reads = (size: number): number => {
      const { parser, work } = meterParser(rtuRequestParser, { budget: READS_PER_BYTE * size });
      feed(parser, noise(size), 64);
      return work.reads;
    };
    const small = reads(4 * 1024);
    expect(reads(8 * 1024)).toBeLessThanOrEqual(2.2 * small);
  });
});
