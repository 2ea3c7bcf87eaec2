import { INCOMPLETE, invalid, type FrameParser, type ParseResult } from "@batt/core";
import { jbdChecksum } from "./checksum.js";
import { JBD_END, JBD_OVERHEAD, JBD_READ, JBD_START, JBD_WRITE } from "./constants.js";
import type { JbdFrame, JbdRequest, JbdResponse } from "./frame.js";

/** Which frames a parser accepts: requests (a device), responses (a host) or both (a decoder tool). */
export type JbdFrameSide = "request" | "response" | "any";

/** Where the next possible frame starts after the `DD` at 0: the next `DD`, or the end of what has arrived. */
function nextStart(buffer: Uint8Array): number {
  const next = buffer.indexOf(JBD_START, 1);
  return next < 0 ? buffer.length : next;
}

/**
 * Parses one frame at the start of `buffer` by its length byte (never by searching for `0x77`,
 * which is a legal payload byte). Checks, in order: start byte, header plausibility, length, end
 * byte, checksum; only then are fields taken. Stray bytes before a `DD` are skipped in one run, and
 * so are the bytes after a `DD` that cannot start a frame, up to the next `DD`.
 *
 * Response headers are checked early so a false `DD` in line noise is dropped at once instead of
 * waiting for a bogus length: the status must be 0 or ≥ 0x80, and an error status carries no data.
 * A response parser skips request frames whole (the echo of a half-duplex RS-485 adapter).
 *
 * A bad checksum drops the `DD` alone (a real frame may start inside the bad one) and reports the
 * bad frame's length as its `span`. No error object and no message text is made here (see `SkipMessage`).
 */
export function parseJbdFrame(buffer: Uint8Array, side: JbdFrameSide = "any"): ParseResult<JbdFrame> {
  if (buffer[0] !== JBD_START) {
    const next = buffer.indexOf(JBD_START, 1);
    return invalid(next < 0 ? buffer.length : next, "frame", "expected start byte DD");
  }
  if (buffer.length < 2) return INCOMPLETE;
  const second = buffer[1]!;
  const isRequest = second === JBD_READ || second === JBD_WRITE;
  if (side === "request" && !isRequest) return invalid(nextStart(buffer), "frame", () => `not a request: second byte ${hexByte(second)} is neither A5 nor 5A`);
  if (buffer.length < 3) return INCOMPLETE;
  const third = buffer[2]!;
  if (!isRequest && third !== 0 && third < 0x80) return invalid(nextStart(buffer), "frame", () => `impossible status byte ${hexByte(third)}`);
  if (buffer.length < 4) return INCOMPLETE;
  const len = buffer[3]!;
  if (!isRequest && third !== 0 && len !== 0) return invalid(nextStart(buffer), "frame", () => `error status ${hexByte(third)} with ${len} data bytes`);
  const total = len + JBD_OVERHEAD;
  if (buffer.length < total) return INCOMPLETE;
  if (buffer[total - 1] !== JBD_END) return invalid(nextStart(buffer), "frame", () => `no end byte 77 after ${len} data bytes`);
  const received = (buffer[4 + len]! << 8) | buffer[5 + len]!;
  const expected = jbdChecksum(buffer, 2, 4 + len);
  if (received !== expected) return invalid(1, "checksum", () => `checksum ${hex16(received)} does not match ${hex16(expected)}`, total);
  if (side === "response" && isRequest) return invalid(total, "frame", "a request frame (echo) where a reply was expected");
  const data = buffer.slice(4, 4 + len);
  const frame: JbdFrame = isRequest
    ? { kind: second === JBD_READ ? "read" : "write", register: third, data }
    : { kind: "response", register: second, status: third, data };
  return { kind: "frame", frame, length: total };
}

/** Parses replies (host side). */
export const jbdResponseParser: FrameParser<JbdResponse> = {
  parse: (buffer) => parseJbdFrame(buffer, "response") as ParseResult<JbdResponse>,
};

/** Parses requests (device side, used by the simulator). */
export const jbdRequestParser: FrameParser<JbdRequest> = {
  parse: (buffer) => parseJbdFrame(buffer, "request") as ParseResult<JbdRequest>,
};

/** Parses requests and replies alike (captures, `batt decode`). */
export const jbdFrameParser: FrameParser<JbdFrame> = { parse: (buffer) => parseJbdFrame(buffer, "any") };

function hexByte(value: number): string {
  return value.toString(16).toUpperCase().padStart(2, "0");
}

function hex16(value: number): string {
  return value.toString(16).toUpperCase().padStart(4, "0");
}
