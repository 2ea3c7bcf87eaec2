import { INCOMPLETE, invalid, type FrameParser, type ParseResult } from "@batt/core";
import type { ReplyUnit, RtuFrame } from "./frame.js";
import { EXCEPTION_FLAG, formatFunctionCode } from "./function-code.js";
import { EXCEPTION_PDU_LENGTH, replyPduLength } from "./pdu-length.js";
import { crcMatchesAt, hasValidCrc, RTU_MAX_FRAME, RTU_OVERHEAD, rtuFrameAt } from "./rtu-frame.js";

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
 * that does not start our reply is skipped up to the next byte that could start one (our unit, or
 * a complete reply of another), in one step, so a reply behind garbage is found and noise costs one
 * call per possible start. A bad CRC drops the frame up to the first possible start inside it.
 */
export function rtuReplyParser(expected: ExpectedReply): FrameParser<RtuFrame> {
  const { functionCode } = expected;
  const exceptionCode = functionCode | EXCEPTION_FLAG;
  const ourUnit = expected.unit === "any" ? undefined : expected.unit;
  const notOurs = `bytes that do not start a reply from ${ourUnit === undefined ? "any unit" : `unit ${ourUnit}`} function ${formatFunctionCode(functionCode)}`;
  /** Whether our reply could start at `at`: our unit and function, or not enough bytes yet to tell. */
  const mayStartOurs = (buffer: Uint8Array, at: number): boolean => {
    if (ourUnit !== undefined && buffer[at] !== ourUnit) return false;
    const fc = buffer[at + 1];
    return fc === undefined || fc === functionCode || fc === exceptionCode;
  };
  /** The first offset in [from, to) where a frame could start, or `to`. */
  const nextStart = (buffer: Uint8Array, from: number, to: number): number => {
    for (let at = from; at < to; at++) if (mayStartOurs(buffer, at) || completeReplyAt(buffer, at) !== undefined) return at;
    return to;
  };
  return {
    parse(buffer): ParseResult<RtuFrame> {
      if (buffer.length === 0) return INCOMPLETE;
      const unit = ourUnit ?? buffer[0]!;
      if (buffer[0] === unit) {
        if (buffer.length < 2) return INCOMPLETE;
        const fc = buffer[1]!;
        if (fc === functionCode || fc === exceptionCode) {
          const length = (fc === functionCode ? expected.pduLength : EXCEPTION_PDU_LENGTH) + RTU_OVERHEAD;
          if (buffer.length < length) return INCOMPLETE;
          if (hasValidCrc(buffer, length)) return { kind: "frame", frame: rtuFrameAt(buffer, length), length };
          return invalid(nextStart(buffer, 1, length), "checksum", () => `CRC mismatch in a ${length}-byte reply from unit ${unit} function ${formatFunctionCode(fc)}`, length);
        }
      }
      const other = completeReplyAt(buffer, 0);
      if (other !== undefined) return { kind: "frame", frame: rtuFrameAt(buffer, other), length: other };
      return invalid(nextStart(buffer, 1, buffer.length), "frame", notOurs);
    },
  };
}

/**
 * A parser for any RTU reply, sized by its own function code and byte count; the engine uses it
 * between requests, so late or foreign replies are reported as unsolicited frames.
 */
export const rtuResponseParser: FrameParser<RtuFrame> = {
  parse(buffer): ParseResult<RtuFrame> {
    const pduLength = replyPduLength(buffer, 1);
    if (pduLength === "more") return INCOMPLETE;
    const length = pduLength === "unknown" ? 0 : pduLength + RTU_OVERHEAD;
    if (length === 0 || length > RTU_MAX_FRAME) {
      // Every byte up to the next known function code is a unit id of nothing.
      let next = 1;
      while (next + 1 < buffer.length && replyPduLength(buffer, next + 1) === "unknown") next++;
      return invalid(next, "frame", "bytes that do not start an RTU reply");
    }
    if (buffer.length < length) return INCOMPLETE;
    if (hasValidCrc(buffer, length)) return { kind: "frame", frame: rtuFrameAt(buffer, length), length };
    return invalid(1, "checksum", () => `CRC mismatch in a ${length}-byte RTU reply`, length);
  },
};

/** Length of a complete reply with a good CRC at `buffer[at]`, if there is one. */
function completeReplyAt(buffer: Uint8Array, at: number): number | undefined {
  const pduLength = replyPduLength(buffer, at + 1);
  if (typeof pduLength !== "number") return undefined;
  const length = pduLength + RTU_OVERHEAD;
  return length <= RTU_MAX_FRAME && crcMatchesAt(buffer, at, length) ? length : undefined;
}
