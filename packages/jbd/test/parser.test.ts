import { BattError, concatBytes, FrameDecoder, fromHex, hex, isBattError } from "@batt/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  decodeBasicInfo,
  decodeCellVoltages,
  decodeErrorCounters,
  encodeReadRequest,
  encodeResponse,
  jbdFrameParser,
  jbdRequestParser,
  jbdResponseParser,
  parseJbdFrame,
} from "../src/index.js";

const BASIC = fromHex("DD 03 00 1D 06 18 00 00 01 F2 01 F4 00 00 2C 7C 00 00 00 00 00 00 80 64 03 04 03 0B 8B 0B 8A 0B 84 FA 8D 77");
const CELLS = fromHex("DD 04 00 08 0F 45 0F 3D 0F 37 0F 3D FE C6 77");

describe("parseJbdFrame", () => {
  it("waits for more bytes while a frame is incomplete, at every cut", () => {
    for (let cut = 1; cut < BASIC.length; cut++) expect(parseJbdFrame(BASIC.subarray(0, cut)).kind).toBe("incomplete");
    expect(parseJbdFrame(BASIC)).toMatchObject({ kind: "frame", length: BASIC.length });
  });

  it("skips stray bytes up to the next DD in one run", () => {
    const result = parseJbdFrame(concatBytes(hex`FF FF 00`, BASIC));
    expect(result).toMatchObject({ kind: "invalid", skip: 3 });
  });

  it("reports a bad checksum as a checksum error and skips one byte", () => {
    const bad = BASIC.slice();
    bad[bad.length - 2] = bad[bad.length - 2]! ^ 0x01;
    const result = parseJbdFrame(bad);
    expect(result.kind).toBe("invalid");
    if (result.kind === "invalid") {
      expect(result.code).toBe("checksum");
      expect(result.skip).toBe(1);
    }
  });

  it("rejects a frame whose end byte is not 77", () => {
    const bad = CELLS.slice();
    bad[bad.length - 1] = 0x78;
    expect(parseJbdFrame(bad)).toMatchObject({ kind: "invalid", code: "frame" });
  });

  it("drops impossible response headers at once instead of waiting for a bogus length", () => {
    expect(parseJbdFrame(hex`DD 03 05`).kind).toBe("invalid"); // status 0x05 does not exist
    expect(parseJbdFrame(hex`DD 03 80 04`).kind).toBe("invalid"); // an error reply carries no data
  });

  it("the response parser skips a request echo whole; the request parser refuses responses", () => {
    const echo = encodeReadRequest(0x03);
    expect(jbdResponseParser.parse(echo)).toMatchObject({ kind: "invalid", skip: echo.length });
    expect(jbdRequestParser.parse(echo)).toMatchObject({ kind: "frame", frame: { kind: "read", register: 3 } });
    expect(jbdRequestParser.parse(CELLS).kind).toBe("invalid");
    expect(jbdFrameParser.parse(echo).kind).toBe("frame");
  });
});

describe("FrameDecoder with the JBD parser", () => {
  it("reassembles a reply split into single bytes", () => {
    const decoder = new FrameDecoder(jbdResponseParser);
    const events = [...CELLS].flatMap((b) => decoder.push(Uint8Array.of(b)));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: "frame", frame: { register: 4 } });
  });

  it("tolerates lone FF bytes around replies and trailing callback-ID bytes", () => {
    const decoder = new FrameDecoder(jbdResponseParser);
    const events = decoder.push(concatBytes(hex`FF`, CELLS, hex`01 02 03 04 FF`, BASIC));
    const frames = events.filter((e) => e.type === "frame");
    expect(frames.map((f) => f.type === "frame" && f.frame.register)).toEqual([4, 3]);
    const skipped = events.flatMap((e) => (e.type === "skipped" ? [...e.bytes] : []));
    expect(skipped).toEqual([0xff, 1, 2, 3, 4, 0xff]);
  });

  it("recovers the next frame after a corrupted one", () => {
    const bad = CELLS.slice();
    bad[6] = bad[6]! ^ 0x10;
    const events = new FrameDecoder(jbdResponseParser).push(concatBytes(bad, BASIC));
    expect(events.some((e) => e.type === "skipped" && e.error.code === "checksum")).toBe(true);
    expect(events.at(-1)).toMatchObject({ type: "frame", frame: { register: 3 } });
  });
});

describe("property: any bytes give frames or typed errors, never another exception or a hang", () => {
  const payloadDecoders: Record<number, (data: Uint8Array) => unknown> = {
    3: (d) => decodeBasicInfo(d),
    4: (d) => decodeCellVoltages(d),
    0xaa: (d) => decodeErrorCounters(d),
  };

  it("random bytes, and random bytes with valid frames mixed in", () => {
    const validFrame = fc
      .tuple(fc.constantFrom(3, 4, 0xaa, 0x24), fc.uint8Array({ maxLength: 60 }))
      .map(([reg, data]) => encodeResponse(reg, 0, data));
    const chunk = fc.oneof(fc.uint8Array({ maxLength: 80 }), validFrame, fc.constant(hex`DD`), fc.constant(hex`77`));
    fc.assert(
      fc.property(fc.array(chunk, { maxLength: 12 }), fc.integer({ min: 1, max: 16 }), (chunks, split) => {
        const input = concatBytes(...chunks);
        const decoder = new FrameDecoder(jbdResponseParser);
        let seen = 0;
        for (let i = 0; i < input.length; i += split) {
          for (const event of decoder.push(input.subarray(i, i + split))) {
            if (event.type === "frame") {
              seen += event.raw.length;
              expect(event.raw[0]).toBe(0xdd);
              expect(event.raw.at(-1)).toBe(0x77);
              const decode = payloadDecoders[event.frame.register];
              if (decode) {
                try {
                  decode(event.frame.data);
                } catch (error) {
                  expect(isBattError(error, "frame")).toBe(true);
                }
              }
            } else {
              seen += event.bytes.length;
              expect(event.error).toBeInstanceOf(BattError);
              expect(["frame", "checksum"]).toContain(event.error.code);
            }
          }
        }
        // Every byte is accounted for: in a frame, skipped, or still waiting for the rest of a frame.
        expect(seen + decoder.buffered).toBe(input.length);
        expect(decoder.buffered).toBeLessThanOrEqual(262);
      }),
      { numRuns: 500 },
    );
  });

  it("every valid frame embedded in noise is found", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), fc.uint8Array({ maxLength: 40 }), (data, noise) => {
        const frame = encodeResponse(0x04, 0, data);
        // Noise without DD cannot fake a frame start; the frame must come through intact.
        const clean = noise.map((b) => (b === 0xdd ? 0 : b));
        const events = new FrameDecoder(jbdResponseParser).push(concatBytes(clean, frame));
        const frames = events.filter((e) => e.type === "frame");
        expect(frames).toHaveLength(1);
        expect(frames[0]!.type === "frame" && [...frames[0]!.frame.data]).toEqual([...data]);
      }),
      { numRuns: 300 },
    );
  });
});
