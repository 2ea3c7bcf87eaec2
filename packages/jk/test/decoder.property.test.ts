import { concatBytes, FrameDecoder, isBattError } from "@batt/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { plugin } from "../src/cli/index.js";
import { decodeInfoField, decodeJkFrame, encodeJkFrame, encodeJkReply, jkFrameParser, jkReplyParser } from "../src/index.js";
import { FRAME_14S } from "./reference-frames.js";

/** Byte strings biased towards the protocol's own bytes, so headers, lengths and end bytes occur often. */
const noisyBytes = (maxLength: number): fc.Arbitrary<Uint8Array> =>
  fc
    .array(fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(0x4e, 0x57, 0x68, 0x00, 0x01, 0x13)), { maxLength })
    .map((a) => Uint8Array.from(a));

const chunkSizes = fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 8 });

function feed(decoder: FrameDecoder<unknown>, bytes: Uint8Array, sizes: readonly number[]) {
  const events = [];
  let at = 0;
  for (let i = 0; at < bytes.length; i++) {
    const size = sizes[i % sizes.length]!;
    events.push(...decoder.push(bytes.subarray(at, at + size)));
    at += size;
  }
  return events;
}

describe("4E57 decoder properties", () => {
  it("turns any byte string into frames or typed errors, accounting for every byte", () => {
    fc.assert(
      fc.property(noisyBytes(600), chunkSizes, (bytes, sizes) => {
        const decoder = new FrameDecoder(jkFrameParser);
        const events = feed(decoder, bytes, sizes);
        let accounted = decoder.buffered;
        for (const event of events) {
          if (event.type === "frame") accounted += event.raw.length;
          else {
            expect(isBattError(event.error, "frame", "checksum")).toBe(true);
            accounted += event.bytes.length;
          }
        }
        expect(accounted).toBe(bytes.length);
      }),
      { numRuns: 300 },
    );
  });

  it("decodeJkFrame throws nothing but BattError", () => {
    fc.assert(
      fc.property(fc.oneof(noisyBytes(80), fc.integer({ min: 0, max: 284 }).map((n) => FRAME_14S.slice(0, n))), (bytes) => {
        try {
          decodeJkFrame(bytes);
        } catch (error) {
          expect(isBattError(error, "frame", "checksum")).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("finds a valid frame embedded in random garbage", () => {
    const frames = fc.constantFrom(FRAME_14S, encodeJkReply(0x02, [0xab, 0x01]), encodeJkReply(0x03, [0x83, 0x14, 0xef]));
    fc.assert(
      fc.property(noisyBytes(300), frames, noisyBytes(60), chunkSizes, (before, frame, after, sizes) => {
        const decoder = new FrameDecoder(jkReplyParser);
        const events = feed(decoder, concatBytes(before, frame, after), sizes);
        const found = events.filter((e) => e.type === "frame").map((e) => (e as { raw: Uint8Array }).raw);
        expect(found).toContainEqual(frame);
      }),
      { numRuns: 300 },
    );
  });

  it("walks any information field to a snapshot or a typed error, inside a well-formed frame too", () => {
    const info = fc.oneof(
      noisyBytes(120),
      fc.tuple(fc.integer({ min: 0, max: 284 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 11, max: 270 })).map(([cut, byte, at]) => {
        const copy = FRAME_14S.slice(11, 276);
        copy[at - 11] = byte; // one damaged byte of a real field (lengths, identifiers, values)
        return copy.subarray(0, cut);
      }),
    );
    fc.assert(
      fc.property(info, (bytes) => {
        try {
          decodeInfoField(bytes);
        } catch (error) {
          expect(isBattError(error, "frame")).toBe(true);
        }
        if (bytes.length === 0) return;
        try {
          plugin.decode!(encodeJkFrame({ command: 0x06, source: 0, transmission: "response", info: bytes }), {});
        } catch (error) {
          expect(isBattError(error)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});
