import { concatBytes, FrameDecoder, fromHex, type DecodeEvent, type FrameParser } from "@batt/core";
import { countBattErrors, meterParser } from "@batt/core/testing";
import { describe, expect, it } from "vitest";
import { jbdResponseParser } from "../src/index.js";

// Linear time without a clock: the parser's byte reads are counted through a metered buffer (meterParser),
// BattError constructions through countBattErrors. Issue 14: DD-rich noise cost 5–9 µs per byte before,
// a BattError with a stack trace for every rejected DD.

/** docs/protocols/jbd.md basic-info reply (as in parser.test.ts). */
const BASIC = fromHex("DD 03 00 1D 06 18 00 00 01 F2 01 F4 00 00 2C 7C 00 00 00 00 00 00 80 64 03 04 03 0B 8B 0B 8A 0B 84 FA 8D 77");

const SIZE = 64 * 1024;
/** Real replies after the noise: more than the 262 bytes a false header at the very end may hold them up. */
const REPLIES = concatBytes(...Array.from({ length: 8 }, () => BASIC));

/** `DD 03 00 1B` repeated: every DD is a plausible reply header that waits for 34 bytes. */
function flood(size: number): Uint8Array {
  const unit = [0xdd, 0x03, 0x00, 0x1b];
  return Uint8Array.from({ length: size }, (_, i) => unit[i % unit.length]!);
}

/** Noise in which half the bytes are DD, 03, 00, 1B or 77, deterministic. */
function ddRichNoise(size: number): Uint8Array {
  const favoured = [0xdd, 0x03, 0x00, 0x1b, 0x77];
  let state = 777;
  return Uint8Array.from({ length: size }, () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state & 0x100 ? favoured[(state >>> 9) % favoured.length]! : (state >>> 16) & 0xff;
  });
}

/** Frames of 34 bytes with a bad checksum, back to back, each containing further DDs. */
function badFrames(size: number): Uint8Array {
  const bad = BASIC.slice();
  bad[bad.length - 2]! ^= 1;
  return Uint8Array.from({ length: size }, (_, i) => bad[i % bad.length]!);
}

function feed<F>(parser: FrameParser<F>, bytes: Uint8Array, chunk: number): { events: DecodeEvent<F>[]; decoder: FrameDecoder<F> } {
  const decoder = new FrameDecoder(parser);
  const events: DecodeEvent<F>[] = [];
  for (let at = 0; at < bytes.length; at += chunk) events.push(...decoder.push(bytes.subarray(at, at + chunk)));
  return { events, decoder };
}

// A DD costs its header checks, and with an end byte in place one sum over at most 255 data bytes.
const READS_PER_BYTE = 16;

describe("JBD parser under hostile input: linear work, no error object per skipped byte", () => {
  for (const [name, make] of [
    ["false-header flood DD 03 00 1B", flood],
    ["DD-rich noise", ddRichNoise],
    ["back-to-back frames with a bad checksum", badFrames],
  ] as const) {
    for (const chunk of [SIZE, 64, 1]) {
      it(`${name}, 64 KiB in ${chunk === SIZE ? "one chunk" : `${chunk}-byte chunks`}: at most ${READS_PER_BYTE} reads per byte, no BattError, then a real frame`, () => {
        const { parser, work } = meterParser(jbdResponseParser, { budget: READS_PER_BYTE * SIZE });
        const { result, constructed } = countBattErrors(() => feed(parser, concatBytes(make(SIZE), REPLIES), chunk));
        expect(work.reads).toBeLessThanOrEqual(READS_PER_BYTE * SIZE);
        expect(work.calls).toBeLessThanOrEqual(2 * SIZE);
        expect(work.resultsWithErrors).toBe(0);
        expect(constructed).toBe(0);
        const { events, decoder } = result;
        const accounted = events.reduce((n, e) => n + (e.type === "frame" ? e.raw.length : e.bytes.length), 0);
        expect(accounted + decoder.buffered).toBe(SIZE + REPLIES.length);
        expect(events.filter((e) => e.type === "frame").map((e) => (e as { raw: Uint8Array }).raw)).toContainEqual(BASIC);
        if (make === badFrames) {
          // Each bad frame is still counted as one checksum failure.
          expect(events.filter((e) => e.type === "skipped" && e.code === "checksum")).toHaveLength(Math.floor(SIZE / BASIC.length));
        }
      });
    }
  }

  it("work grows in proportion to the input: twice the bytes, at most 2.2 times the reads", () => {
    const reads = (size: number): number => {
      const { parser, work } = meterParser(jbdResponseParser, { budget: READS_PER_BYTE * size });
      feed(parser, ddRichNoise(size), 64);
      return work.reads;
    };
    const small = reads(16 * 1024);
    expect(reads(32 * 1024)).toBeLessThanOrEqual(2.2 * small);
  });
});
