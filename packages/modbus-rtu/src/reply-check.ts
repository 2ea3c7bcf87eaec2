import { BattError, INCOMPLETE, type FrameParser } from "@batt/core";
import type { ReplyUnit, RtuFrame } from "./frame.js";
import { formatFunctionCode } from "./function-code.js";
import { crcMatchesAt, RTU_MAX_FRAME, RTU_OVERHEAD, rtuFrameAt } from "./rtu-frame.js";

/** Functions whose reply says its own length in a byte count after the function code. */
const BYTE_COUNT_FUNCTIONS: ReadonlySet<number> = new Set([0x01, 0x02, 0x03, 0x04, 0x17]);

/**
 * Wraps the reply parser for one request so that a well-formed reply of another length than the
 * request calls for (sized by its own byte count, with a good CRC) is returned as a frame, for the
 * client to report as an unexpected length, instead of failing the CRC over the predicted length.
 * A reply whose byte count promises more bytes than predicted is waited for.
 */
export function lengthTolerantParser(inner: FrameParser<RtuFrame>, unit: ReplyUnit, functionCode: number, pduLength: number): FrameParser<RtuFrame> {
  if (!BYTE_COUNT_FUNCTIONS.has(functionCode)) return inner;
  const predicted = pduLength + RTU_OVERHEAD;
  return {
    // Every argument goes through to the inner parser (with its look-ahead hint, where it takes one).
    parse(...args: Parameters<FrameParser<RtuFrame>["parse"]>) {
      const buffer = args[0];
      if (buffer.length >= 3 && (unit === "any" || buffer[0] === unit) && buffer[1] === functionCode) {
        const own = buffer[2]! + 2 + RTU_OVERHEAD;
        if (own !== predicted && own <= RTU_MAX_FRAME && !(buffer.length >= predicted && crcMatchesAt(buffer, 0, predicted))) {
          if (buffer.length < own) return INCOMPLETE;
          if (crcMatchesAt(buffer, 0, own)) return { kind: "frame", frame: rtuFrameAt(buffer, own), length: own };
        }
      }
      return inner.parse(...args);
    },
  };
}

/** The error for a reply of the right unit and function but the wrong length (a normal reply, not an exception). */
export function unexpectedLength(frame: { readonly unit: number; readonly pdu: Uint8Array }, expectedPduLength: number): BattError {
  const length = frame.pdu.length + RTU_OVERHEAD;
  const expectedLength = expectedPduLength + RTU_OVERHEAD;
  return new BattError(
    "unexpected-reply",
    `unexpected length: a ${length}-byte reply from unit ${frame.unit} function ${formatFunctionCode(frame.pdu[0]!)}, expected ${expectedLength} bytes`,
    { context: { length, expectedLength } },
  );
}

/** The error for a request that got no reply of its own but one from another unit. */
export function replyFromOtherUnit(timeout: BattError, replyUnit: number, expectedUnit: number): BattError {
  return new BattError("unexpected-reply", `reply from unit ${replyUnit}, expected unit ${expectedUnit} (${timeout.message})`, {
    cause: timeout,
    context: { ...timeout.context, replyUnit, expectedUnit },
  });
}
