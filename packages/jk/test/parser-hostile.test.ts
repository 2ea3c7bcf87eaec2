import { concatBytes, FrameDecoder, type DecodeEvent, type FrameParser } from "@batt/core";
import { countBattErrors, meterParser } from "@batt/core/testing";
import { describe, expect, it } from "vitest";
import { JK_DEFAULT_MAX_LENGTH, jkReplyParser } from "../src/index.js";
import { FRAME_14S } from "./reference-frames.js";

// Linear time without a clock: the parser's byte reads are counted through a metered buffer (meterParser),
// BattError constructions through countBattErrors. Issue 14: this flood took ~53 s for 64 KiB before.

/** `4E 57 01 FB 68` repeated: every 4E 57 announces LENGTH 0x01FB, and the 68 end byte is where that LENGTH puts it. */
function flood(size: number): Uint8Array {
  const unit = [0x4e, 0x57, 0x01, 0xfb, 0x68];
  return Uint8Array.from({ length: size }, (_, i) => unit[i % unit.length]!);
}

/** Noise rich in the protocol's own bytes (header, length, end byte), deterministic. */
function richNoise(size: number): Uint8Array {
  const favoured = [0x4e, 0x57, 0x00, 0x01, 0x68];
  let state = 12345;
  return Uint8Array.from({ length: size }, () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state & 0x100 ? favoured[(state >>> 9) % favoured.length]! : (state >>> 16) & 0xff;
  });
}

function feed<F>(parser: FrameParser<F>, bytes: Uint8Array, chunk: number): { events: DecodeEvent<F>[]; decoder: FrameDecoder<F> } {
  const decoder = new FrameDecoder(parser);
  const events: DecodeEvent<F>[] = [];
  for (let at = 0; at < bytes.length; at += chunk) events.push(...decoder.push(bytes.subarray(at, at + chunk)));
  return { events, decoder };
}

const accounted = <F>(events: DecodeEvent<F>[]): number => events.reduce((n, e) => n + (e.type === "frame" ? e.raw.length : e.bytes.length), 0);

// A false header costs at most one byte sum over its LENGTH (≤ 512) and its candidates are looked at once
// more while it waits; in this flood they are 5 bytes apart: about 100 reads per byte, whatever the length.
const READS_PER_BYTE = 2 * ((JK_DEFAULT_MAX_LENGTH + 2) / 5) + 16;
const SIZE = 64 * 1024;

describe("4E57 parser under hostile input: linear work, no error object per skipped byte", () => {
  for (const [name, make] of [
    ["false-header flood 4E 57 01 FB 68", flood],
    ["noise rich in 4E, 57, 00, 01, 68", richNoise],
  ] as const) {
    // 64 KiB in one chunk; 16 KiB in 64-byte chunks (the metered buffer is slow, and the growth test covers size).
    for (const [size, chunk] of [
      [SIZE, SIZE],
      [SIZE / 4, 64],
    ] as const) {
      it(`${name}, ${size / 1024} KiB in ${chunk === size ? "one chunk" : `${chunk}-byte chunks`}: at most ${READS_PER_BYTE} reads per byte, no BattError, then a real frame`, () => {
        const { parser, work } = meterParser(jkReplyParser, { budget: READS_PER_BYTE * size });
        const { result, constructed } = countBattErrors(() => feed(parser, concatBytes(make(size), FRAME_14S), chunk));
        expect(work.reads).toBeLessThanOrEqual(READS_PER_BYTE * size);
        expect(work.resultsWithErrors).toBe(0);
        expect(constructed).toBe(0);
        const { events, decoder } = result;
        expect(accounted(events) + decoder.buffered).toBe(size + FRAME_14S.length);
        // The overlapping false headers are one bad run, not one checksum failure each.
        expect(events.filter((e) => e.type === "skipped" && e.code === "checksum").length).toBeLessThanOrEqual(make === flood ? 1 : 64);
        expect(events.filter((e) => e.type === "frame").map((e) => (e as { raw: Uint8Array }).raw)).toContainEqual(FRAME_14S);
      });
    }
  }

  it("a flood fed one byte at a time: the look-ahead behind a waiting header resumes, never restarts", () => {
    const size = 4 * 1024;
    const { parser, work } = meterParser(jkReplyParser, { budget: 4 * READS_PER_BYTE * size });
    const { result, constructed } = countBattErrors(() => feed(parser, concatBytes(flood(size), FRAME_14S), 1));
    expect(work.reads).toBeLessThanOrEqual(4 * READS_PER_BYTE * size);
    expect(constructed).toBe(0);
    expect(result.events.filter((e) => e.type === "frame")).toHaveLength(1);
  });

  it("work grows in proportion to the flood: twice the bytes, at most 2.2 times the reads", () => {
    const reads = (size: number): number => {
      const { parser, work } = meterParser(jkReplyParser, { budget: READS_PER_BYTE * size });
      feed(parser, flood(size), size);
      return work.reads;
    };
    const small = reads(4 * 1024);
    expect(reads(8 * 1024)).toBeLessThanOrEqual(2.2 * small);
  });
});
