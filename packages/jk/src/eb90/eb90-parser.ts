import { BattError, INCOMPLETE, invalid, type FrameParser, type ParseResult } from "@batt/core";
import { hex8 } from "../hex-format.js";
import { eb90Checksum } from "./eb90-checksum.js";
import { EB90_COUNTER_OFFSET, EB90_FRAME_LENGTH, EB90_HEADER, EB90_TYPE_OFFSET } from "./eb90-constants.js";
import type { Eb90Frame } from "./eb90-frame.js";

const H0 = EB90_HEADER[0]!;
const LAST = EB90_FRAME_LENGTH - 1;

/** Options of {@link createEb90Parser} and {@link decodeEb90Frame}. */
export interface Eb90ParserOptions {
  /** Accept frames whose checksum does not match (diagnostics only, default false). */
  readonly ignoreChecksum?: boolean;
}

/** Offset of the first `55 AA EB 90` in `buffer` at or after `from` and before `end`, or -1. */
export function findEb90Header(buffer: Uint8Array, from: number, end = buffer.length): number {
  for (let at = buffer.indexOf(H0, from); at >= 0 && at + 3 < end; at = buffer.indexOf(H0, at + 1)) {
    if (buffer[at + 1] === EB90_HEADER[1] && buffer[at + 2] === EB90_HEADER[2] && buffer[at + 3] === EB90_HEADER[3]) return at;
  }
  return -1;
}

/** Where the next frame could start after offset 0: the next `55`, or the end of the buffer. */
function nextStart(buffer: Uint8Array): number {
  const next = buffer.indexOf(H0, 1);
  return next < 0 ? buffer.length : next;
}

/**
 * A stream parser of `55 AA EB 90` frames (docs/protocols/jk.md#frames-from-the-bms; 300 bytes, byte 299 = sum of bytes 0–298 modulo 256).
 * Bytes that cannot start a frame are dropped up to the next `55` in one step; a partial header
 * waits for its next byte; a complete frame with a bad sum drops only up to the next header inside
 * it, so a real frame behind a false header is not lost. Work per call is bounded by the bytes
 * dropped or by the frame length, so a stream costs linear time, and no error object is made per
 * skipped byte (messages are built only when read).
 */
export function createEb90Parser(options: Eb90ParserOptions = {}): FrameParser<Eb90Frame> {
  return {
    parse(buffer: Uint8Array): ParseResult<Eb90Frame> {
      if (buffer[0] !== H0) return invalid(nextStart(buffer), "frame", "expected header 55 AA EB 90");
      for (let i = 1; i < 4; i++) {
        if (buffer.length <= i) return INCOMPLETE;
        if (buffer[i] !== EB90_HEADER[i]) return invalid(nextStart(buffer), "frame", () => `invalid header at byte ${i}: ${hex8(buffer[i]!)}`);
      }
      if (buffer.length < EB90_FRAME_LENGTH) return INCOMPLETE;
      const sum = eb90Checksum(buffer, 0, LAST);
      if (sum !== buffer[LAST] && options.ignoreChecksum !== true) {
        const inner = findEb90Header(buffer, 1, EB90_FRAME_LENGTH);
        return invalid(inner > 0 ? inner : EB90_FRAME_LENGTH, "checksum", () => `checksum ${hex8(buffer[LAST]!)} does not match the byte sum ${hex8(sum)}`, EB90_FRAME_LENGTH);
      }
      return { kind: "frame", frame: frameOf(buffer), length: EB90_FRAME_LENGTH };
    },
  };
}

/** The parser of `55 AA EB 90` frames with checksums verified. */
export const eb90Parser: FrameParser<Eb90Frame> = createEb90Parser();

/**
 * Decodes the one frame at the start of `bytes` (a capture): no resynchronisation. Bytes after the
 * 300 of the frame are left to the caller (BLE notifications may pad to 320 bytes; a JK-PB reply
 * carries a Modbus acknowledgement).
 *
 * @throws BattError `frame` for a missing header or fewer than 300 bytes; `checksum` for a sum that does not match.
 */
export function decodeEb90Frame(bytes: Uint8Array, options: Eb90ParserOptions = {}): Eb90Frame {
  if (findEb90Header(bytes, 0, 4) !== 0) throw new BattError("frame", "a 55 AA EB 90 frame must start with 55 AA EB 90", { context: { raw: bytes } });
  if (bytes.length < EB90_FRAME_LENGTH) throw new BattError("frame", `truncated frame: 55 AA EB 90 frames have ${EB90_FRAME_LENGTH} bytes, got ${bytes.length}`, { context: { raw: bytes } });
  const sum = eb90Checksum(bytes, 0, LAST);
  if (sum !== bytes[LAST] && options.ignoreChecksum !== true) {
    throw new BattError("checksum", `checksum ${hex8(bytes[LAST]!)} does not match the byte sum ${hex8(sum)}`, { context: { raw: bytes.subarray(0, EB90_FRAME_LENGTH) } });
  }
  return frameOf(bytes);
}

function frameOf(buffer: Uint8Array): Eb90Frame {
  return { type: buffer[EB90_TYPE_OFFSET]!, counter: buffer[EB90_COUNTER_OFFSET]!, bytes: buffer.slice(0, EB90_FRAME_LENGTH) };
}
