import { BattError, INCOMPLETE, type FrameParser, type ParseResult } from "@batt/core";
import type { RtuFrame } from "./frame.js";
import { EXCEPTION_FLAG } from "./function-code.js";
import { requestPduLength } from "./pdu-length.js";
import { hasValidCrc, RTU_MAX_FRAME, RTU_MIN_FRAME, RTU_OVERHEAD, rtuFrameAt } from "./rtu-frame.js";

/**
 * The server's parser for RTU requests. A serial line marks frame ends with silence, which a byte
 * stream does not show, so the length comes from the function code: fixed for most functions, from
 * the byte count for 0x0F, 0x10 and 0x17. The CRC is checked before the frame is returned.
 *
 * For a function of unknown layout (answered with exception 01), the frame is the shortest run
 * that ends in a good CRC. While a frame is incomplete, a complete known request with a good CRC
 * later in the buffer means the start was noise: it is skipped, so it cannot hold up the requests behind it.
 */
export const rtuRequestParser: FrameParser<RtuFrame> = {
  parse(buffer): ParseResult<RtuFrame> {
    const fc = buffer[1];
    if (fc === undefined) return INCOMPLETE;
    if (fc === 0 || fc & EXCEPTION_FLAG) return skip("frame", "bytes that do not start an RTU request");
    const known = knownRequestLength(buffer);
    if (known === "more") return INCOMPLETE;
    if (known !== "unknown") {
      if (known > RTU_MAX_FRAME) return skip("frame", `request length ${known} exceeds ${RTU_MAX_FRAME} bytes`);
      if (buffer.length < known) {
        // Noise that looks like the start of a long request must not hold up a complete one behind it.
        return knownRequestLater(buffer) ? skip("frame", "incomplete request overtaken by a complete one") : INCOMPLETE;
      }
      if (hasValidCrc(buffer, known)) return { kind: "frame", frame: rtuFrameAt(buffer, known), length: known };
      return skip("checksum", `CRC mismatch in a ${known}-byte RTU request`);
    }
    const limit = Math.min(buffer.length, RTU_MAX_FRAME);
    for (let length = RTU_MIN_FRAME; length <= limit; length++) {
      if (hasValidCrc(buffer, length)) return { kind: "frame", frame: rtuFrameAt(buffer, length), length };
    }
    if (buffer.length >= RTU_MAX_FRAME || knownRequestLater(buffer)) {
      return skip("frame", "no RTU request of unknown function ends in a good CRC here");
    }
    return INCOMPLETE;
  },
};

function knownRequestLength(buffer: Uint8Array): number | "more" | "unknown" {
  const pduLength = requestPduLength(buffer.subarray(1));
  return typeof pduLength === "number" ? pduLength + RTU_OVERHEAD : pduLength;
}

function knownRequestLater(buffer: Uint8Array): boolean {
  for (let at = 1; at + RTU_MIN_FRAME <= buffer.length; at++) {
    const view = buffer.subarray(at);
    const length = knownRequestLength(view);
    if (typeof length === "number" && length <= view.length && hasValidCrc(view, length)) return true;
  }
  return false;
}

function skip(code: "frame" | "checksum", message: string): ParseResult<RtuFrame> {
  return { kind: "invalid", skip: 1, error: new BattError(code, message) };
}
