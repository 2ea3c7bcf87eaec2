import { describe, expect, it } from "vitest";
import { BattError, concatBytes, FrameDecoder, fromHex, isBattError, type DecodeEvent, type FrameParser } from "../src/index.js";
import { badToyFrame, toyFrame, toyParser, type ToyFrame } from "./toy-protocol.js";

/** Events in a compact form: `frame [payload]` or `skipped <code> <hex>`. */
function describeEvents(events: DecodeEvent<ToyFrame>[]): string[] {
  return events.map((e) =>
    e.type === "frame" ? `frame [${e.frame.payload.join(",")}]` : `skipped ${e.error.code} ${[...e.bytes].map((b) => b.toString(16).padStart(2, "0")).join(" ")}`,
  );
}

describe("FrameDecoder (stream)", () => {
  it("returns one frame with its raw bytes", () => {
    const decoder = new FrameDecoder(toyParser);
    const frame = toyFrame([1, 2, 3]);
    const events = decoder.push(frame);
    expect(events).toEqual([{ type: "frame", frame: { payload: [1, 2, 3] }, raw: frame }]);
    expect(decoder.buffered).toBe(0);
  });

  it("assembles a frame that arrives across chunk boundaries", () => {
    const decoder = new FrameDecoder(toyParser);
    const frame = toyFrame([0x10, 0x20, 0x30, 0x40]);
    for (let i = 0; i < frame.length - 1; i++) {
      expect(decoder.push(frame.subarray(i, i + 1))).toEqual([]);
      expect(decoder.buffered).toBe(i + 1);
    }
    expect(describeEvents(decoder.push(frame.subarray(frame.length - 1)))).toEqual(["frame [16,32,48,64]"]);
    expect(decoder.buffered).toBe(0);
  });

  it("keeps the tail of a chunk that starts the next frame", () => {
    const decoder = new FrameDecoder(toyParser);
    const a = toyFrame([1]);
    const b = toyFrame([2, 3]);
    const stream = concatBytes(a, b);
    expect(describeEvents(decoder.push(stream.subarray(0, 5)))).toEqual(["frame [1]"]);
    expect(decoder.buffered).toBe(1);
    expect(describeEvents(decoder.push(stream.subarray(5)))).toEqual(["frame [2,3]"]);
  });

  it("returns several frames from one chunk in order", () => {
    const decoder = new FrameDecoder(toyParser);
    const events = decoder.push(concatBytes(toyFrame([1]), toyFrame([]), toyFrame([2, 2]), toyFrame([3])));
    expect(describeEvents(events)).toEqual(["frame [1]", "frame []", "frame [2,2]", "frame [3]"]);
  });

  it("does not alias the pushed chunk: raw bytes are copies", () => {
    const decoder = new FrameDecoder(toyParser);
    const chunk = toyFrame([5]);
    const [event] = decoder.push(chunk);
    chunk.fill(0);
    expect(event?.type === "frame" && [...event.raw]).toEqual([0xaa, 1, 5, 5]);
  });

  it("coalesces a run of garbage into one skipped event with the bytes as raw context", () => {
    const decoder = new FrameDecoder(toyParser);
    const events = decoder.push(concatBytes(fromHex("00 13 37 ff"), toyFrame([9]), fromHex("01 02"), toyFrame([8])));
    expect(describeEvents(events)).toEqual(["skipped frame 00 13 37 ff", "frame [9]", "skipped frame 01 02", "frame [8]"]);
    const skipped = events[0] as Extract<DecodeEvent<ToyFrame>, { type: "skipped" }>;
    expect(skipped.error).toBeInstanceOf(BattError);
    expect([...(skipped.error.context.raw as Uint8Array)]).toEqual([0x00, 0x13, 0x37, 0xff]);
  });

  it("reports garbage at the end of a chunk without waiting for more", () => {
    const decoder = new FrameDecoder(toyParser);
    expect(describeEvents(decoder.push(fromHex("01 02 03")))).toEqual(["skipped frame 01 02 03"]);
    expect(decoder.buffered).toBe(0);
  });

  it("reports each checksum failure as its own event, never merged with garbage", () => {
    const decoder = new FrameDecoder(toyParser);
    const events = decoder.push(concatBytes(fromHex("00 01"), badToyFrame([1]), badToyFrame([2, 2]), fromHex("02 03"), toyFrame([7])));
    expect(describeEvents(events)).toEqual([
      "skipped frame 00 01",
      "skipped checksum aa 01 01 02",
      "skipped checksum aa 02 02 02 05",
      "skipped frame 02 03",
      "frame [7]",
    ]);
    for (const event of events) if (event.type === "skipped") expect([...(event.error.context.raw as Uint8Array)]).toEqual([...event.bytes]);
  });

  it("keeps checksum failures separate when the parser rejects them one byte at a time", () => {
    const byteWise: FrameParser<ToyFrame> = {
      parse(buffer) {
        const result = toyParser.parse(buffer);
        return result.kind === "invalid" ? { ...result, skip: 1 } : result;
      },
    };
    const decoder = new FrameDecoder(byteWise);
    // The header of a bad frame is a checksum event; the rest of its bytes are garbage after it.
    const events = decoder.push(concatBytes(badToyFrame([4]), toyFrame([5])));
    expect(describeEvents(events)).toEqual(["skipped checksum aa", "skipped frame 01 04 05", "frame [5]"]);
  });

  it("treats a parser's skip below 1 as 1 and one beyond the buffer as the whole buffer", () => {
    const zeroSkip: FrameParser<number> = {
      parse: (buffer) => (buffer[0] === 0x55 ? { kind: "frame", frame: 0x55, length: 1 } : { kind: "invalid", skip: 0, code: "frame", message: "x" }),
    };
    const decoder = new FrameDecoder(zeroSkip);
    const events = decoder.push(fromHex("01 02 55"));
    expect(events.map((e) => e.type)).toEqual(["skipped", "frame"]);
    expect(events[0]?.type === "skipped" && events[0].bytes.length).toBe(2);

    const greedy: FrameParser<number> = { parse: () => ({ kind: "invalid", skip: 1000, code: "frame", message: "x" }) };
    const g = new FrameDecoder(greedy);
    const out = g.push(fromHex("01 02 03"));
    expect(out.length).toBe(1);
    expect(out[0]?.type === "skipped" && out[0].bytes.length).toBe(3);
    expect(g.buffered).toBe(0);
  });

  it("throws frame when a parser returns an impossible length", () => {
    const liar: FrameParser<number> = { parse: (buffer) => ({ kind: "frame", frame: 0, length: buffer.length + 1 }) };
    expect(() => new FrameDecoder(liar).push(fromHex("01 02"))).toThrow(BattError);
    const zero: FrameParser<number> = { parse: () => ({ kind: "frame", frame: 0, length: 0 }) };
    try {
      new FrameDecoder(zero).push(fromHex("01"));
      expect.unreachable();
    } catch (error) {
      expect(isBattError(error, "frame")).toBe(true);
    }
  });

  it("drops the oldest bytes beyond maxBuffer as one skipped event", () => {
    const decoder = new FrameDecoder(toyParser, { maxBuffer: 8 });
    // A header that announces 32 bytes holds the buffer open.
    expect(decoder.push(fromHex("aa 20 01 02 03 04"))).toEqual([]);
    const events = decoder.push(fromHex("05 06 07 08 09"));
    expect(describeEvents(events)).toEqual(["skipped frame aa 20 01"]);
    expect(isBattError((events[0] as { error: unknown }).error, "frame")).toBe(true);
    expect(decoder.buffered).toBe(8);
    // The rest is garbage once the header is gone.
    expect(describeEvents(decoder.push(toyFrame([1])))).toEqual(["skipped frame 02 03 04 05 06 07 08 09", "frame [1]"]);
  });

  it("flush returns and forgets what is buffered", () => {
    const decoder = new FrameDecoder(toyParser);
    decoder.push(fromHex("aa 03 01"));
    expect([...decoder.flush()]).toEqual([0xaa, 0x03, 0x01]);
    expect(decoder.buffered).toBe(0);
    expect(decoder.flush().length).toBe(0);
    // The remainder of the old frame no longer completes anything.
    expect(describeEvents(decoder.push(fromHex("02 03 06")))).toEqual(["skipped frame 02 03 06"]);
  });

  it("uses a parser swapped in between pushes", () => {
    const decoder = new FrameDecoder<ToyFrame>(toyParser);
    const everything: FrameParser<ToyFrame> = { parse: (buffer) => ({ kind: "frame", frame: { payload: [...buffer] }, length: buffer.length }) };
    decoder.parser = everything;
    expect(describeEvents(decoder.push(fromHex("01 02")))).toEqual(["frame [1,2]"]);
  });
});

describe("FrameDecoder (packet)", () => {
  const report = (...parts: Uint8Array[]): Uint8Array => {
    const out = new Uint8Array(16);
    out.set(concatBytes(...parts));
    return out;
  };

  it("discards the padding after a frame silently", () => {
    const decoder = new FrameDecoder(toyParser, { mode: "packet" });
    const events = decoder.push(report(toyFrame([1, 2])));
    expect(describeEvents(events)).toEqual(["frame [1,2]"]);
    expect(decoder.buffered).toBe(0);
  });

  it("parses each report on its own: a frame is never joined across reports", () => {
    const decoder = new FrameDecoder(toyParser, { mode: "packet" });
    const frame = toyFrame([1, 2, 3, 4]);
    expect(describeEvents(decoder.push(frame.subarray(0, 3)))).toEqual(["skipped frame aa 04 01"]);
    expect(decoder.buffered).toBe(0);
    expect(describeEvents(decoder.push(frame.subarray(3)))).toEqual(["skipped frame 02 03 04 0a"]);
    expect(describeEvents(decoder.push(report(frame)))).toEqual(["frame [1,2,3,4]"]);
  });

  it("takes one frame per report: whatever follows the first frame is discarded", () => {
    const decoder = new FrameDecoder(toyParser, { mode: "packet" });
    expect(describeEvents(decoder.push(report(toyFrame([1]), toyFrame([2]))))).toEqual(["frame [1]"]);
    expect(describeEvents(decoder.push(report(toyFrame([2]))))).toEqual(["frame [2]"]);
  });

  it("reports garbage before the frame of a report", () => {
    const decoder = new FrameDecoder(toyParser, { mode: "packet" });
    expect(describeEvents(decoder.push(report(fromHex("01 02"), toyFrame([7]))))).toEqual(["skipped frame 01 02", "frame [7]"]);
  });

  it("reports a report with a bad checksum", () => {
    const decoder = new FrameDecoder(toyParser, { mode: "packet" });
    expect(describeEvents(decoder.push(report(badToyFrame([7]))))).toEqual(["skipped checksum aa 01 07 08"]);
  });

  it("does not keep a reference to the report", () => {
    const decoder = new FrameDecoder(toyParser, { mode: "packet" });
    const bytes = report(toyFrame([3]));
    const [event] = decoder.push(bytes);
    bytes.fill(0);
    expect(event?.type === "frame" && [...event.raw]).toEqual([0xaa, 1, 3, 3]);
  });
});

describe("FrameDecoder in packet mode: a report that ends inside a frame", () => {
  it("is reported as skipped, not dropped silently", () => {
    const decoder = new FrameDecoder(toyParser, { mode: "packet" });
    // Header and a length of 5, but the report holds only 2 payload bytes.
    const events = decoder.push(Uint8Array.of(0xaa, 5, 1, 2));
    expect(events).toHaveLength(1);
    expect(events[0]!.type).toBe("skipped");
    expect([...(events[0] as { bytes: Uint8Array }).bytes]).toEqual([0xaa, 5, 1, 2]);
    expect(decoder.buffered).toBe(0);
  });
});
