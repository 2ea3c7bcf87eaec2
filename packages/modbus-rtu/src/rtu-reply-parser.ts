import { BattError, INCOMPLETE, type FrameParser, type ParseResult } from "@batt/core";
import type { ReplyUnit, RtuFrame } from "./frame.js";
import { EXCEPTION_FLAG, formatFunctionCode } from "./function-code.js";
import { EXCEPTION_PDU_LENGTH, replyPduLength } from "./pdu-length.js";
import { hasValidCrc, RTU_MAX_FRAME, RTU_OVERHEAD, rtuFrameAt } from "./rtu-frame.js";

/** What the client expects back for one request. */
export interface ExpectedReply {
  /** The unit the reply comes from: the unit that was asked, another one, or `any` (taken from the first byte). */
  readonly unit: ReplyUnit;
  /** The function code of the request. */
  readonly functionCode: number;
  /** PDU length of the normal reply (see `expectedReplyPduLength`). */
  readonly pduLength: number;
}

/**
 * The parser for the reply to one request, in the manner of modbus-serial's `RTUBufferedPort`:
 * it knows the unit, the function and the exact reply length, looks for `unit fc` or
 * `unit fc|0x80`, and checks the CRC over the predicted length before anything is decoded.
 *
 * A complete frame with a good CRC from another unit (or for another function) is returned
 * too, so the client's match can ignore it and it is counted as unsolicited; anything else
 * that does not start our reply is skipped one byte at a time, so a reply behind garbage is found.
 */
export function rtuReplyParser(expected: ExpectedReply): FrameParser<RtuFrame> {
  const { functionCode } = expected;
  const exceptionCode = functionCode | EXCEPTION_FLAG;
  return {
    parse(buffer): ParseResult<RtuFrame> {
      if (buffer.length === 0) return INCOMPLETE;
      const unit = expected.unit === "any" ? buffer[0]! : expected.unit;
      if (buffer[0] === unit) {
        if (buffer.length < 2) return INCOMPLETE;
        const fc = buffer[1];
        if (fc === functionCode || fc === exceptionCode) {
          const length = (fc === functionCode ? expected.pduLength : EXCEPTION_PDU_LENGTH) + RTU_OVERHEAD;
          if (buffer.length < length) return INCOMPLETE;
          if (hasValidCrc(buffer, length)) return { kind: "frame", frame: rtuFrameAt(buffer, length), length };
          return {
            kind: "invalid",
            skip: 1,
            error: new BattError("checksum", `CRC mismatch in a ${length}-byte reply from unit ${unit} function ${formatFunctionCode(fc)}`),
          };
        }
      }
      const other = completeReplyAt(buffer);
      if (other !== undefined) return { kind: "frame", frame: rtuFrameAt(buffer, other), length: other };
      return {
        kind: "invalid",
        skip: 1,
        error: new BattError("frame", `bytes that do not start a reply from ${expected.unit === "any" ? "any unit" : `unit ${unit}`} function ${formatFunctionCode(functionCode)}`),
      };
    },
  };
}

/**
 * A parser for any RTU reply, sized by its own function code and byte count; the engine uses it
 * between requests, so late or foreign replies are reported as unsolicited frames.
 */
export const rtuResponseParser: FrameParser<RtuFrame> = {
  parse(buffer): ParseResult<RtuFrame> {
    const pduLength = replyPduLength(buffer.subarray(1));
    if (pduLength === "more") return INCOMPLETE;
    const length = pduLength === "unknown" ? 0 : pduLength + RTU_OVERHEAD;
    if (length === 0 || length > RTU_MAX_FRAME) {
      return { kind: "invalid", skip: 1, error: new BattError("frame", "bytes that do not start an RTU reply") };
    }
    if (buffer.length < length) return INCOMPLETE;
    if (hasValidCrc(buffer, length)) return { kind: "frame", frame: rtuFrameAt(buffer, length), length };
    return { kind: "invalid", skip: 1, error: new BattError("checksum", `CRC mismatch in a ${length}-byte RTU reply`) };
  },
};

/** Length of a complete reply with a good CRC at the start of `buffer`, if there is one. */
function completeReplyAt(buffer: Uint8Array): number | undefined {
  const pduLength = replyPduLength(buffer.subarray(1));
  if (typeof pduLength !== "number") return undefined;
  const length = pduLength + RTU_OVERHEAD;
  return length <= RTU_MAX_FRAME && hasValidCrc(buffer, length) ? length : undefined;
}
