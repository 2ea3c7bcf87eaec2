import { describe, expect, it } from "vitest";
import { BattError, FrameDecoder, INCOMPLETE, invalid, sum8, type DecodeEvent, type FrameParser, type ParseResult } from "../src/index.js";
import { countBattErrors, meterParser } from "../src/testing/index.js";
import { TOY_HEADER, toyFrame, toyParser, type ToyFrame } from "./toy-protocol.js";

const SIZE = 64 * 1024;

/** Bytes that never hold the toy header: line noise for the toy protocol. */
function noise(size: number): Uint8Array {
  return Uint8Array.from({ length: size }, (_, i) => ((i * 37 + 11) & 0xff) % 0xaa);
}

function feed<F>(decoder: FrameDecoder<F>, bytes: Uint8Array, chunk: number): DecodeEvent<F>[] {
  const events: DecodeEvent<F>[] = [];
  for (let at = 0; at < bytes.length; at += chunk) events.push(...decoder.push(bytes.subarray(at, at + chunk)));
  return events;
}

type Skipped = Extract<DecodeEvent<unknown>, { type: "skipped" }>;
const skippedOf = <F>(events: DecodeEvent<F>[]): Skipped[] => events.filter((e): e is Skipped => e.type === "skipped");

/**
 * A toy variant that rejects a bad sum the careful way (drop the header alone, report the frame's
 * length as its span), so a run of overlapping false headers is a chain of checksum failures.
 */
const carefulToy: FrameParser<ToyFrame> = {
  parse(buffer): ParseResult<ToyFrame> {
    if (buffer[0] !== TOY_HEADER) {
      const next = buffer.indexOf(TOY_HEADER, 1);
      return invalid(next < 0 ? buffer.length : next, "frame", "no header");
    }
    if (buffer.length < 2) return INCOMPLETE;
    const length = buffer[1]!;
    if (buffer.length < length + 3) return INCOMPLETE;
    if (sum8(buffer, 2, 2 + length) !== buffer[2 + length]) return invalid(1, "checksum", "bad sum", length + 3);
    return { kind: "frame", frame: { payload: [...buffer.subarray(2, 2 + length)] }, length: length + 3 };
  },
};

describe("FrameDecoder under hostile input", () => {
  it("builds no BattError for 64 KiB of noise fed one byte at a time until an event's error is read, then one, once", () => {
    const decoder = new FrameDecoder(toyParser);
    const { result: events, constructed } = countBattErrors(() => feed(decoder, noise(SIZE), 1));
    expect(constructed).toBe(0);
    const skipped = skippedOf(events);
    expect(skipped.reduce((n, e) => n + e.bytes.length, 0)).toBe(SIZE);
    expect(skipped.every((e) => e.code === "frame")).toBe(true);
    const first = skipped[0]!;
    const { result: error, constructed: onRead } = countBattErrors(() => [first.error, first.error]);
    expect(onRead).toBe(1);
    expect(error[0]).toBe(error[1]);
    expect(error[0]).toBeInstanceOf(BattError);
    expect(error[0]!.code).toBe("frame");
    expect(error[0]!.context.raw).toEqual(first.bytes);
  });

  it("reports a contiguous run of noise as one event per chunk, and only as many as there are chunks", () => {
    for (const chunk of [SIZE, 4096, 64]) {
      const events = feed(new FrameDecoder(toyParser), noise(SIZE), chunk);
      expect(events).toHaveLength(SIZE / chunk);
    }
  });

  it("counts a flood of overlapping false headers with bad sums as one checksum failure, however it is chunked", () => {
    // AA 05 AA 05 …: every AA announces 5 payload bytes and a sum that never matches.
    const flood = Uint8Array.from({ length: SIZE }, (_, i) => (i % 2 === 0 ? TOY_HEADER : 0x05));
    for (const chunk of [SIZE, 64, 7]) {
      const { parser, work } = meterParser(carefulToy, { budget: 16 * SIZE });
      const decoder = new FrameDecoder(parser);
      const { result: events, constructed } = countBattErrors(() => feed(decoder, flood, chunk));
      expect(constructed).toBe(0);
      const skipped = skippedOf(events);
      expect(skipped.filter((e) => e.code === "checksum")).toHaveLength(1);
      expect(skipped.reduce((n, e) => n + e.bytes.length, 0) + decoder.buffered).toBe(SIZE);
      // One call per false header and one for the byte after it, plus one per chunk for the header left waiting.
      expect(work.calls).toBeLessThanOrEqual(SIZE + Math.ceil(SIZE / chunk));
      // Resynchronised: a real frame after the flood comes through.
      const frame = toyFrame([1, 2, 3]);
      const after = [...decoder.push(frame), ...decoder.push(toyFrame([4]))].filter((e) => e.type === "frame");
      expect(after.map((e) => e.type === "frame" && e.frame.payload)).toContainEqual([4]);
    }
  });

  it("still counts back-to-back frames with bad sums one by one", () => {
    const bad = toyFrame([1, 2]);
    bad[bad.length - 1]! ^= 1;
    const stream = Uint8Array.from({ length: bad.length * 100 }, (_, i) => bad[i % bad.length]!);
    const events = feed(new FrameDecoder(carefulToy), stream, 64);
    expect(skippedOf(events).filter((e) => e.code === "checksum")).toHaveLength(100);
  });

  it("hands a parser back how far it looked ahead, shifted by the bytes dropped, and forgets it for another parser", () => {
    const seen: number[] = [];
    // Waits on a header at 0 and says it examined everything; drops the header once 10 bytes are there.
    const lookingAhead: FrameParser<never> = {
      parse(buffer, checkedTo = 0) {
        seen.push(checkedTo);
        if (buffer.length >= 10) return invalid(3, "frame", "header abandoned");
        return { kind: "incomplete", checkedTo: buffer.length };
      },
    };
    const decoder = new FrameDecoder(lookingAhead);
    decoder.push(Uint8Array.of(1, 2, 3, 4));
    decoder.push(Uint8Array.of(5, 6));
    decoder.push(Uint8Array.of(7, 8, 9, 10));
    // The fourth call dropped 3 bytes; the call after it, on the same push, is told 6 - 3.
    expect(seen).toEqual([0, 4, 6, 6 - 3]);
    decoder.push(Uint8Array.of(11));
    expect(seen.at(-1)).toBe(10 - 3);
    decoder.parser = { parse: (buffer, checkedTo = 0) => (seen.push(checkedTo), { kind: "incomplete", checkedTo: buffer.length }) };
    decoder.push(Uint8Array.of(11));
    expect(seen.at(-1)).toBe(0);
  });

  it("hands a parser back its running state for the frame start it left waiting, and only while that start stays", () => {
    const seen: (number | undefined)[] = [];
    // Keeps a running sum of the frame at 0 in `resume`; gives up on a start once 6 bytes are there.
    const summing: FrameParser<never> = {
      parse(buffer, checkedTo = 0, resume) {
        seen.push(resume);
        if (buffer.length >= 6) return invalid(1, "frame", "too long");
        const sum = (resume ?? 0) + buffer.subarray(resume === undefined ? 0 : checkedTo).reduce((a, b) => a + b, 0);
        return { kind: "incomplete", checkedTo: buffer.length, resume: sum };
      },
    };
    const decoder = new FrameDecoder(summing);
    decoder.push(Uint8Array.of(1, 2));
    decoder.push(Uint8Array.of(3));
    decoder.push(Uint8Array.of(4, 5));
    expect(seen).toEqual([undefined, 3, 6]);
    // The sixth byte makes the parser drop the start: the start after it gets no state of the old one.
    decoder.push(Uint8Array.of(6));
    expect(seen.slice(3)).toEqual([15, undefined]);
    // The new start kept its own state; the next byte drops it too.
    decoder.push(Uint8Array.of(7));
    expect(seen.slice(5)).toEqual([2 + 3 + 4 + 5 + 6, undefined]);
    decoder.flush();
    decoder.push(Uint8Array.of(8));
    expect(seen.at(-1)).toBeUndefined();
  });
});
