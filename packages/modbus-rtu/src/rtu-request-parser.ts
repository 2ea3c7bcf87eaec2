import { crc16Modbus, INCOMPLETE, invalid, type FrameParser, type ParseResult } from "@batt/core";
import type { RtuFrame } from "./frame.js";
import { EXCEPTION_FLAG } from "./function-code.js";
import { requestPduLength } from "./pdu-length.js";
import { crcMatchesAt, hasValidCrc, RTU_MAX_FRAME, RTU_MIN_FRAME, RTU_OVERHEAD, rtuFrameAt } from "./rtu-frame.js";

const NOT_A_REQUEST = "bytes that do not start an RTU request";
const NO_CRC_RUN = "no RTU request of unknown function ends in a good CRC here";

/**
 * The server's parser for RTU requests. A serial line marks frame ends with silence, which a byte
 * stream does not show, so the length comes from the function code: fixed for most functions, from
 * the byte count for 0x0F, 0x10 and 0x17. The CRC is checked before the frame is returned.
 *
 * For a function of unknown layout (answered with exception 01), the frame is the shortest run
 * that ends in a good CRC: one pass, the CRC extended byte by byte, carried from call to call (`resume`)
 * while the request arrives. While a frame is incomplete, a
 * complete known request with a good CRC later in the buffer means the start was noise: the bytes
 * before it are skipped, so it cannot hold up the requests behind it. That search resumes where the
 * previous call stopped (`checkedTo`), so every candidate's CRC is computed once, not once per chunk.
 */
export const rtuRequestParser: FrameParser<RtuFrame> = {
  parse(buffer, checkedTo = 0, resume): ParseResult<RtuFrame> {
    const fc = buffer[1];
    if (fc === undefined) return INCOMPLETE;
    if (fc === 0 || fc & EXCEPTION_FLAG) return invalid(1, "frame", NOT_A_REQUEST);
    const known = knownRequestLength(buffer, 0);
    if (known === "more") return INCOMPLETE;
    if (known !== "unknown") {
      if (known > RTU_MAX_FRAME) return invalid(1, "frame", () => `request length ${known} exceeds ${RTU_MAX_FRAME} bytes`);
      // Noise that looks like the start of a long request must not hold up a complete one behind it.
      if (buffer.length < known) return overtaken(buffer, checkedTo, "incomplete request overtaken by a complete one");
      if (hasValidCrc(buffer, known)) return { kind: "frame", frame: rtuFrameAt(buffer, known), length: known };
      return invalid(1, "checksum", () => `CRC mismatch in a ${known}-byte RTU request`, known);
    }
    const limit = Math.min(buffer.length, RTU_MAX_FRAME);
    // Carry on from the CRC of the first `checkedTo` bytes when the previous call left it; else start over.
    const carried = resume !== undefined && checkedTo >= RTU_MIN_FRAME - 1 && checkedTo <= limit;
    let crc = carried ? resume : crc16Modbus(buffer, 0, RTU_MIN_FRAME - 1);
    // A frame that ends in its own CRC (low byte first) has a CRC of 0 over all its bytes.
    for (let length = carried ? checkedTo + 1 : RTU_MIN_FRAME; length <= limit; length++) {
      crc = crc16Modbus(buffer, length - 1, length, crc);
      if (crc === 0) return { kind: "frame", frame: rtuFrameAt(buffer, length), length };
    }
    if (buffer.length >= RTU_MAX_FRAME) return invalid(1, "frame", NO_CRC_RUN);
    const later = knownRequestAfter(buffer, checkedTo);
    return later < 0 ? { kind: "incomplete", checkedTo: buffer.length, resume: crc } : invalid(later, "frame", NO_CRC_RUN);
  },
};

/** Total length of a request of known layout at `buffer[at]`, `more` when its byte count has not arrived, or `unknown`. */
function knownRequestLength(buffer: Uint8Array, at: number): number | "more" | "unknown" {
  const pduLength = requestPduLength(buffer, at + 1);
  return typeof pduLength === "number" ? pduLength + RTU_OVERHEAD : pduLength;
}

/** Skips to a complete known request behind the waiting start, or waits, remembering how far it looked. */
function overtaken(buffer: Uint8Array, checkedTo: number, message: string): ParseResult<RtuFrame> {
  const later = knownRequestAfter(buffer, checkedTo);
  return later < 0 ? { kind: "incomplete", checkedTo: buffer.length } : invalid(later, "frame", message);
}

/** Total length of a request by function code, for functions of fixed layout (0 for the others); from `requestPduLength`. */
const FIXED_TOTAL = new Uint16Array(256);
/** 1 for functions whose length comes from a byte count. */
const COUNTED = new Uint8Array(256);
/** The distinct values of FIXED_TOTAL. */
const FIXED_TOTALS: number[] = [];
for (let fc = 1; fc < EXCEPTION_FLAG; fc++) {
  const pduLength = requestPduLength(Uint8Array.of(fc));
  if (typeof pduLength === "number") FIXED_TOTAL[fc] = pduLength + RTU_OVERHEAD;
  else if (pduLength === "more") COUNTED[fc] = 1;
  if (typeof pduLength === "number" && !FIXED_TOTALS.includes(pduLength + RTU_OVERHEAD)) FIXED_TOTALS.push(pduLength + RTU_OVERHEAD);
}
/** Below this many new bytes, the look-ahead goes by end rather than by start. */
const FEW_NEW_BYTES = 8;

/** Total length of the known request at `buffer[at]` once its byte count has arrived, else 0. */
function knownTotalAt(buffer: Uint8Array, at: number): number {
  const fc = buffer[at + 1]!;
  const fixed = FIXED_TOTAL[fc]!;
  if (fixed !== 0 || COUNTED[fc] === 0) return fixed;
  const length = knownRequestLength(buffer, at);
  return typeof length === "number" && length <= RTU_MAX_FRAME ? length : 0;
}

/**
 * Offset (≥ 1) of the first complete known request with a good CRC that ends after `checkedTo`, or -1.
 * Requests that end at or before `checkedTo` were examined by an earlier call, so each request's CRC is
 * computed once. With few new bytes (a slow line), each new end is tried against the few starts a
 * fixed-length request could have and against the starts within RTU_MAX_FRAME whose function code is
 * sized by a byte count; otherwise every start that could end in the new bytes is tried by a table look-up.
 */
function knownRequestAfter(buffer: Uint8Array, checkedTo: number): number {
  const n = buffer.length;
  if (n - checkedTo <= FEW_NEW_BYTES) return knownRequestEndingAfter(buffer, checkedTo);
  for (let at = Math.max(1, checkedTo - RTU_MAX_FRAME + 1); at + RTU_MIN_FRAME <= n; at++) {
    const total = knownTotalAt(buffer, at);
    if (total !== 0 && at + total > checkedTo && at + total <= n && crcMatchesAt(buffer, at, total)) return at;
  }
  return -1;
}

/** {@link knownRequestAfter} by end: for each new end, the starts that a request ending there could have. */
function knownRequestEndingAfter(buffer: Uint8Array, checkedTo: number): number {
  let first = buffer.length;
  for (let end = Math.max(checkedTo, RTU_MIN_FRAME) + 1; end <= buffer.length; end++) {
    for (const total of FIXED_TOTALS) {
      const at = end - total;
      if (at >= 1 && at < first && FIXED_TOTAL[buffer[at + 1]!] === total && crcMatchesAt(buffer, at, total)) first = at;
    }
    const last = Math.min(first - 1, end - RTU_MIN_FRAME);
    for (let at = Math.max(1, end - RTU_MAX_FRAME); at <= last; at++) {
      if (COUNTED[buffer[at + 1]!] === 1 && knownTotalAt(buffer, at) === end - at && crcMatchesAt(buffer, at, end - at)) {
        first = at;
        break;
      }
    }
  }
  return first < buffer.length ? first : -1;
}
