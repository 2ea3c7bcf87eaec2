import { concatBytes, FrameDecoder, fromHex, isBattError, type DecodeEvent } from "@batt/core";
import { describe, expect, it } from "vitest";
import { encodeJkReply, encodeReadAllRequest, jkFrameParser, jkReplyParser, type JkFrame, type JkReplyFrame } from "../src/index.js";
import { FRAME_14S, FRAME_20S_BAD_SUM } from "./reference-frames.js";

function feed<F>(decoder: FrameDecoder<F>, bytes: Uint8Array, chunk: number): DecodeEvent<F>[] {
  const events: DecodeEvent<F>[] = [];
  for (let i = 0; i < bytes.length; i += chunk) events.push(...decoder.push(bytes.subarray(i, i + chunk)));
  return events;
}

describe("4E57 stream decoding", () => {
  it("reassembles a reply that arrives in pieces", () => {
    for (const size of [1, 7, 64, 100]) {
      const events = feed(new FrameDecoder(jkReplyParser), FRAME_14S, size);
      expect(events.map((e) => e.type)).toEqual(["frame"]);
      expect((events[0] as { raw: Uint8Array }).raw).toEqual(FRAME_14S);
    }
  });

  it("skips stray bytes and the tail of an earlier frame before 4E 57, and counts them", () => {
    const garbage = concatBytes(fromHex("DF FF 4E DF 00"), FRAME_14S.subarray(270));
    const events = new FrameDecoder(jkReplyParser).push(concatBytes(garbage, FRAME_14S));
    const skipped = events.filter((e) => e.type === "skipped").reduce((n, e) => n + (e as { bytes: Uint8Array }).bytes.length, 0);
    expect(skipped).toBe(garbage.length);
    expect(events.filter((e) => e.type === "frame")).toHaveLength(1);
  });

  it("rejects a frame with a bad checksum as a checksum event and then finds the next frame", () => {
    const events = new FrameDecoder(jkReplyParser).push(concatBytes(FRAME_20S_BAD_SUM, FRAME_14S));
    const errors = events.filter((e) => e.type === "skipped").map((e) => (e as { error: { code: string } }).error.code);
    expect(errors[0]).toBe("checksum");
    expect(errors.filter((c) => c === "checksum")).toHaveLength(1);
    expect(events.filter((e) => e.type === "frame")).toHaveLength(1);
    expect(events[events.length - 1]?.type).toBe("frame");
  });

  it("does not stall on a false header whose LENGTH runs past a real frame", () => {
    // "4E 57 01 4E" promises 336 bytes; the real frame right after it completes first.
    const decoder = new FrameDecoder(jkReplyParser);
    const events = feed(decoder, concatBytes(fromHex("4E 57 01 4E"), FRAME_14S), 16);
    expect(events.filter((e) => e.type === "frame")).toHaveLength(1);
    expect(decoder.buffered).toBe(0);
  });

  it("does not let a false header with a matching end byte swallow the real frame", () => {
    // A noise header whose LENGTH ends on a 68 byte inside the real frame: the checksum fails while the
    // real frame is still incomplete, so only the bytes before the next possible header may be dropped.
    const real = encodeJkReply(0x03, [0x83, 0x14, 0x68]);
    const inner = real.indexOf(0x68);
    expect(inner).toBeLessThan(real.length - 5); // a data byte, not the end byte
    const length = 6 + inner + 3;
    const noise = Uint8Array.of(0x4e, 0x57, length >> 8, length & 0xff, 0x00, 0x00);
    const bytes = concatBytes(noise, real);
    expect(bytes[length - 3]).toBe(0x68);
    const events = feed(new FrameDecoder(jkReplyParser), bytes, 3);
    expect(events.filter((e) => e.type === "frame").map((e) => (e as { raw: Uint8Array }).raw)).toEqual([real]);
    expect(events.find((e) => e.type === "skipped")).toMatchObject({ bytes: noise, error: { code: "checksum" } });
  });

  it("skips a request (an RS-485 echo) on the reply side but decodes it on the any side", () => {
    const echo = encodeReadAllRequest();
    const replies = new FrameDecoder<JkReplyFrame>(jkReplyParser).push(concatBytes(echo, FRAME_14S));
    expect(replies.map((e) => e.type)).toEqual(["skipped", "frame"]);
    const skipped = replies[0] as { bytes: Uint8Array; error: unknown };
    expect(skipped.bytes).toEqual(echo);
    expect(isBattError(skipped.error, "frame")).toBe(true);
    const any = new FrameDecoder<JkFrame>(jkFrameParser).push(concatBytes(echo, FRAME_14S));
    expect(any.map((e) => (e.type === "frame" ? e.frame.transmission : e.type))).toEqual(["request", "response"]);
  });
});
