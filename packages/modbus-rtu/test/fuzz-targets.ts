// test-support by path: modbus-rtu does not list the private @batt/test-support package among its devDependencies.
import { BattError, fromHex } from "@batt/core";
import { MBAP_SHAPE, RTU_CAPTURE_SHAPE, RTU_SHAPE } from "../../../test-support/src/fuzz/shapes.js";
import { streamTarget, verifiedFrame } from "../../../test-support/src/fuzz/stream-target.js";
import type { FuzzTarget } from "../../../test-support/src/fuzz/target.js";
import { describeCapture } from "../src/capture/describe-capture.js";
import { requestFromReply } from "../src/capture/request-from-reply.js";
import { parseRtuCapture } from "../src/capture/rtu-capture.js";
import type { RtuFrame, TcpFrame } from "../src/frame.js";
import { decodeRequest } from "../src/request-codec.js";
import { decodeResponse } from "../src/response-codec.js";
import { decodeRtuFrame, encodeRtuFrame } from "../src/rtu-frame.js";
import { rtuReplyParser, rtuResponseParser } from "../src/rtu-reply-parser.js";
import { rtuRequestParser } from "../src/rtu-request-parser.js";
import { tcpFrameParser } from "../src/tcp-frame.js";
import { evcHolding, evcInput, voltaic } from "./reference-maps.js";

/**
 * RTU frames of docs/protocols/voltaic.md#request-frames, docs/protocols/evcharger.md#example-frames and
 * docs/protocols/modbus.md#rtu-frame, and of this package's tests.
 */
export const RTU_FRAMES: readonly Uint8Array[] = [
  "01 03 00 00 00 01 84 0A",
  "01 03 02 04 4C BB 71",
  "01 01 00 00 00 01 FD CA",
  "01 03 90 22 00 01 09 00",
  "01 04 02 05 46 3B 92",
  "01 04 30 30 00 2B BF 1A",
  "01 04 30 A0 00 01 3E E8 01 04 02 05 46 3B 92",
  "01 04 30 A0 00 03 BF 29",
  "01 05 00 00 00 00 CD CA",
  "01 05 00 00 FF 00 8C 3A",
  "01 06 90 22 04 7E 86 20",
  "01 10 30 02 00 05 AE CA",
  "01 10 90 22 00 01 02 04 7E B2 3B",
  "01 2B 0E 01 00 70 77",
  "11 01 00 13 00 25 0E 84",
  "11 02 00 C4 00 16 BA A9",
  "11 03 00 6B 00 03 76 87",
  "11 04 00 08 00 01 B2 98",
  "11 05 00 AC FF 00 4E 8B",
  "11 06 00 01 00 03 9A 9B",
  "11 0F 00 13 00 0A 02 CD 01 BF 0B",
  "11 10 00 01 00 02 04 00 0A 01 02 C6 F0",
  "46 03 06 00 00 07 0B F7",
  "46 04 00 00 00 03 BF 7C 46 04 06 5D 3E 5D 7B 5D 81 C8 AD",
  "46 06 06 27 00 04 37 FD",
  "46 06 06 28 04 B0 05 49 46 06 06 28 04 B0 05 49",
].map(fromHex).concat(
  // The specification's reply to "11 03 00 6B 00 03" (read 3 holding registers), with its CRC.
  encodeRtuFrame(0x11, fromHex("03 06 02 2B 00 00 00 64")),
);

/** Modbus TCP frames of docs/protocols/evcharger.md (MBAP header, no CRC). */
const TCP_FRAMES = ["00 02 00 00 00 06 46 06 06 28 04 B0", "00 05 00 00 00 06 46 04 00 00 00 03", "00 05 00 00 00 09 46 04 06 5D 3E 5D 7B 5D 81"].map(fromHex);

/** A frame with a good CRC that the target decodes as a whole (the CRC oracle covers the whole input). */
const crcChecked = verifiedFrame<unknown>(RTU_SHAPE);

/** Every returned frame of a capture must carry a good CRC. */
function captureFramesChecked(_input: Uint8Array, frames: readonly { readonly raw?: Uint8Array; readonly hex?: string }[]): string | undefined {
  for (const f of frames) {
    const raw = f.raw ?? fromHex(f.hex ?? "");
    if (!RTU_SHAPE.verify(raw)) return `a frame with a bad CRC was returned: ${f.hex ?? ""}`;
  }
  return undefined;
}

/** The Modbus decoders under fuzz. */
export const MODBUS_TARGETS: readonly FuzzTarget[] = [
  streamTarget<RtuFrame>({
    name: "modbus rtu reply parser (unit 1, FC 03, 1 register)",
    seeds: RTU_FRAMES,
    shape: RTU_SHAPE,
    parser: rtuReplyParser({ unit: 1, functionCode: 0x03, pduLength: 4 }),
  }),
  streamTarget<RtuFrame>({ name: "modbus rtu reply parser (any unit, FC 04, 3 registers)", seeds: RTU_FRAMES, shape: RTU_SHAPE, parser: rtuReplyParser({ unit: "any", functionCode: 0x04, pduLength: 8 }) }),
  streamTarget<RtuFrame>({ name: "modbus rtu response parser (between requests)", seeds: RTU_FRAMES, shape: RTU_SHAPE, parser: rtuResponseParser }),
  streamTarget<RtuFrame>({ name: "modbus rtu request parser (server)", seeds: RTU_FRAMES, shape: RTU_SHAPE, parser: rtuRequestParser }),
  streamTarget<TcpFrame>({
    name: "modbus tcp MBAP parser + PDU decode",
    seeds: TCP_FRAMES,
    shape: MBAP_SHAPE,
    parser: tcpFrameParser,
    // The MBAP carries no checksum; the PDU decoders behind it get every frame.
    describe: (frame) => {
      try {
        return decodeRequest(frame.pdu);
      } catch {
        return decodeResponse(frame.pdu, requestFromReply(frame.pdu));
      }
    },
  }),
  { name: "modbus rtu decodeRtuFrame", seeds: RTU_FRAMES, shape: RTU_SHAPE, maxLength: 300, decode: (input) => decodeRtuFrame(input), check: crcChecked },
  { name: "modbus pdu codec: requests", seeds: RTU_FRAMES, shape: RTU_SHAPE, maxLength: 300, decode: (input) => decodeRequest(decodeRtuFrame(input).pdu), check: crcChecked },
  {
    name: "modbus pdu codec: replies (layout from the reply)",
    seeds: RTU_FRAMES,
    shape: RTU_SHAPE,
    maxLength: 300,
    decode(input) {
      const { pdu } = decodeRtuFrame(input);
      return decodeResponse(pdu, requestFromReply(pdu));
    },
    check: crcChecked,
  },
  {
    name: "modbus pdu codec: replies to a read of 3 holding registers",
    seeds: RTU_FRAMES,
    shape: RTU_SHAPE,
    maxLength: 300,
    decode: (input) => decodeResponse(decodeRtuFrame(input).pdu, { kind: "read-holding-registers", address: 0x0006, count: 3 }),
    check: crcChecked,
  },
  {
    name: "modbus capture decoding (parseRtuCapture)",
    seeds: RTU_FRAMES,
    shape: RTU_CAPTURE_SHAPE,
    maxLength: 600,
    decode: (input) => parseRtuCapture(input),
    check: captureFramesChecked,
  },
  {
    name: "modbus capture description (describeCapture, reference maps)",
    seeds: RTU_FRAMES,
    shape: RTU_CAPTURE_SHAPE,
    maxLength: 600,
    decode(input) {
      const frames = describeCapture(input, { input: [evcInput, voltaic], holding: evcHolding, coils: { 0: "load" } });
      if (frames.length === 0) throw new BattError("frame", "no frames");
      return frames;
    },
    check: captureFramesChecked,
  },
];
