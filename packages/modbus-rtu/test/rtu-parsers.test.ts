import { FrameDecoder, hex, toHex, type DecodeEvent } from "@batt/core";
import { describe, expect, it } from "vitest";
import { rtuReplyParser, rtuRequestParser, rtuResponseParser, type ModbusFrame } from "../src/index.js";

const summary = (events: DecodeEvent<ModbusFrame>[]): string[] =>
  events.map((e) => (e.type === "frame" ? `frame ${toHex(e.raw)}` : `skipped ${e.bytes.length} ${e.error.code}`));

// docs/protocols/evcharger.md#phase-voltages-read: 46 04 00 00 00 03 BF 7C → 46 04 06 5D 3E 5D 7B 5D 81 C8 AD (11 bytes).
const reply = hex`46 04 06 5D 3E 5D 7B 5D 81 C8 AD`;
const expectReply = () => rtuReplyParser({ unit: 0x46, functionCode: 0x04, pduLength: 8 });

describe("rtuReplyParser (the reply to one request)", () => {
  it("takes exactly the predicted length and checks its CRC first", () => {
    const decoder = new FrameDecoder<ModbusFrame>(expectReply());
    expect(decoder.push(reply.subarray(0, 10))).toEqual([]);
    // The next byte is our unit id again: it may start another frame, so it stays buffered.
    expect(summary(decoder.push(Uint8Array.of(0xad, 0x46)))).toEqual(["frame 46 04 06 5d 3e 5d 7b 5d 81 c8 ad"]);
    expect(decoder.buffered).toBe(1);
  });

  it("recognises the exception reply of the same function (unit, fc|0x80, code, CRC)", () => {
    const decoder = new FrameDecoder<ModbusFrame>(expectReply());
    // 46 84 02 + CRC
    const events = decoder.push(hex`46 84 02 72 D4`);
    expect(summary(events)).toEqual(["frame 46 84 02 72 d4"]);
  });

  it("skips garbage in front of the reply, byte by byte", () => {
    const decoder = new FrameDecoder<ModbusFrame>(expectReply());
    expect(summary(decoder.push(Uint8Array.of(0x00, 0xff, 0x46, 0x13, ...reply)))).toEqual([
      "skipped 4 frame",
      "frame 46 04 06 5d 3e 5d 7b 5d 81 c8 ad",
    ]);
  });

  it("reports a CRC mismatch over the predicted length as a checksum error", () => {
    const bad = reply.slice();
    bad[10] = bad[10]! ^ 1;
    const events = new FrameDecoder<ModbusFrame>(expectReply()).push(bad);
    expect(events[0]).toMatchObject({ type: "skipped", error: { code: "checksum" } });
    expect(events.some((e) => e.type === "frame")).toBe(false);
  });

  it("returns a complete reply of another unit as a frame, for the client to ignore", () => {
    // Unit 0x47 answering the same request: a valid frame, not ours.
    const other = hex`47 04 06 5D 3E 5D 7B 5D 81 C5 3D`;
    const events = new FrameDecoder<ModbusFrame>(expectReply()).push(Uint8Array.of(...other, ...reply));
    expect(events.map((e) => e.type === "frame" && e.frame.unit)).toEqual([0x47, 0x46]);
  });

  it("waits for a reply split into single bytes", () => {
    const decoder = new FrameDecoder<ModbusFrame>(expectReply());
    const events = [...reply].flatMap((b) => decoder.push(Uint8Array.of(b)));
    expect(summary(events)).toEqual(["frame 46 04 06 5d 3e 5d 7b 5d 81 c8 ad"]);
  });
});

describe("rtuResponseParser (any reply, between requests)", () => {
  it("sizes replies by their own function code and byte count", () => {
    const decoder = new FrameDecoder<ModbusFrame>(rtuResponseParser);
    const events = decoder.push(hex`46 06 06 28 04 B0 05 49 46 04 06 5D 3E 5D 7B 5D 81 C8 AD`);
    expect(events.map((e) => e.type === "frame" && e.frame.pdu[0])).toEqual([0x06, 0x04]);
  });
});

describe("rtuRequestParser (server side)", () => {
  const parse = (bytes: Uint8Array) => summary(new FrameDecoder<ModbusFrame>(rtuRequestParser).push(bytes));

  it("knows fixed request lengths and those of 0x0F, 0x10 and 0x17 by their byte count", () => {
    expect(parse(hex`01 06 90 22 04 7E 86 20 01 10 90 22 00 01 02 04 7E B2 3B 11 0F 00 13 00 0A 02 CD 01 BF 0B`)).toEqual([
      "frame 01 06 90 22 04 7e 86 20",
      "frame 01 10 90 22 00 01 02 04 7e b2 3b",
      "frame 11 0f 00 13 00 0a 02 cd 01 bf 0b",
    ]);
    // 0x17 from the specification example, unit 0x11, CRC computed.
    const rw = hex`11 17 00 03 00 06 00 0E 00 03 06 00 FF 00 FF 00 FF`;
    const events = new FrameDecoder<ModbusFrame>(rtuRequestParser).push(Uint8Array.of(...rw, 0x00, 0x00));
    expect(events[0]).toMatchObject({ type: "skipped", error: { code: "checksum" } });
  });

  it("finds a request behind line noise", () => {
    const events = new FrameDecoder<ModbusFrame>(rtuRequestParser).push(hex`FF 00 00 01 03 00 00 00 01 84 0A`);
    expect(events.at(-1)).toMatchObject({ type: "frame", frame: { unit: 1 } });
    const skipped = events.flatMap((e) => (e.type === "skipped" ? [e.bytes.length] : []));
    expect(skipped.reduce((a, b) => a + b, 0)).toBe(3);
  });

  it("frames a request of unknown function by its CRC, so it can be answered with exception 01", () => {
    // 01 2B 0E 01 00 + CRC: read device identification.
    expect(parse(hex`01 2B 0E 01 00 70 77`)).toEqual(["frame 01 2b 0e 01 00 70 77"]);
  });

  it("does not let noise that looks like a long request hold up a complete one", () => {
    // 01 10 … byte count F0 would need 249 bytes; the complete request behind it wins.
    const events = parse(hex`01 10 00 00 00 78 F0 01 03 00 00 00 01 84 0A`);
    expect(events.at(-1)).toBe("frame 01 03 00 00 00 01 84 0a");
    expect(events.slice(0, -1).every((e) => e.startsWith("skipped"))).toBe(true);
  });
});
