import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { concatBytes, FrameDecoder, type DecodeEvent } from "../src/index.js";
import { badToyFrame, TOY_HEADER, toyFrame, toyParser, type ToyFrame } from "./toy-protocol.js";

/** Cuts `bytes` at the given positions (sorted, deduplicated, clamped) into consecutive chunks. */
function cut(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let from = 0;
  for (const p of [...points, bytes.length]) {
    chunks.push(bytes.subarray(from, p));
    from = p;
  }
  return chunks;
}

function feed(decoder: FrameDecoder<ToyFrame>, chunks: Uint8Array[]): DecodeEvent<ToyFrame>[] {
  return chunks.flatMap((chunk) => decoder.push(chunk));
}

// Any bytes, built from random runs, valid frames, frames with a bad sum and bare headers so every parser path is hit.
const bytesArb = fc
  .array(
    fc.oneof(
      fc.uint8Array({ maxLength: 12 }),
      fc.uint8Array({ maxLength: 12 }).map((p) => toyFrame([...p])),
      fc.uint8Array({ maxLength: 12 }).map((p) => badToyFrame([...p])),
      fc.integer({ min: 0, max: 255 }).map((n) => Uint8Array.of(TOY_HEADER, n)),
    ),
    { maxLength: 25 },
  )
  .map((parts) => concatBytes(...parts));
const cutsArb = fc.array(fc.nat({ max: 400 }), { maxLength: 20 });
const garbageArb = fc.uint8Array({ maxLength: 80 }).map((g) => g.map((b) => (b === TOY_HEADER ? 0x55 : b)));

describe("FrameDecoder properties", () => {
  it("accounts for every byte: frames, then skipped runs, then what is buffered, in input order", () => {
    fc.assert(
      fc.property(bytesArb, cutsArb, fc.option(fc.integer({ min: 1, max: 64 }), { nil: undefined }), (bytes, cuts, maxBuffer) => {
        const decoder = new FrameDecoder(toyParser, maxBuffer === undefined ? {} : { maxBuffer });
        const events = feed(decoder, cut(bytes, cuts));
        const pieces = events.map((e) => (e.type === "frame" ? e.raw : e.bytes));
        expect(pieces.every((p) => p.length > 0)).toBe(true);
        const consumed = pieces.reduce((n, p) => n + p.length, 0);
        expect(consumed).toBe(bytes.length - decoder.buffered);
        expect(concatBytes(...pieces, decoder.flush())).toEqual(bytes);
        if (maxBuffer !== undefined) expect(decoder.buffered).toBeLessThanOrEqual(maxBuffer);
      }),
      { numRuns: 300 },
    );
  });

  it("yields the same events for any chunking (without a buffer limit)", () => {
    fc.assert(
      fc.property(bytesArb, cutsArb, (bytes, cuts) => {
        const whole = new FrameDecoder(toyParser);
        const wholeEvents = whole.push(bytes);
        const chunked = new FrameDecoder(toyParser);
        const chunkedEvents = feed(chunked, cut(bytes, cuts));
        const frames = (events: DecodeEvent<ToyFrame>[]): number[][] => events.flatMap((e) => (e.type === "frame" ? [e.frame.payload] : []));
        expect(frames(chunkedEvents)).toEqual(frames(wholeEvents));
        expect(chunked.buffered).toBe(whole.buffered);
      }),
      { numRuns: 300 },
    );
  });

  it("finds a valid frame embedded in header-free garbage, however it is chunked", () => {
    fc.assert(
      fc.property(garbageArb, fc.uint8Array({ maxLength: 40 }), garbageArb, cutsArb, (before, payload, after, cuts) => {
        const frame = toyFrame([...payload]);
        const decoder = new FrameDecoder(toyParser);
        const events = feed(decoder, cut(concatBytes(before, frame, after), cuts));
        const frames = events.filter((e) => e.type === "frame");
        expect(frames).toHaveLength(1);
        expect(frames[0]).toEqual({ type: "frame", frame: { payload: [...payload] }, raw: frame });
        const skipped = events.filter((e) => e.type === "skipped").reduce((n, e) => n + (e.type === "skipped" ? e.bytes.length : 0), 0);
        expect(skipped).toBe(before.length + after.length);
        expect(events.every((e) => e.type === "frame" || e.error.code === "frame")).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
