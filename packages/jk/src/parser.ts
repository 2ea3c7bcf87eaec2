import { BattError, indexOfBytes, INCOMPLETE, type FrameParser, type ParseResult } from "@batt/core";
import { jkChecksum } from "./checksum.js";
import { JK_DEFAULT_MAX_LENGTH, JK_END_BYTE, JK_INFO_OFFSET, JK_MIN_LENGTH, JK_STX } from "./constants.js";
import type { JkFrame, JkReplyFrame, JkRequestFrame } from "./frame.js";
import { hex16, hex8 } from "./hex-format.js";

/** Which frames a parser accepts: requests (the BMS side), replies (the host side) or both. */
export type JkFrameSide = "request" | "reply" | "any";

/** Options of {@link createJkParser}. */
export interface JkParserOptions {
  /** Which frames to accept (default `any`); frames of the other side are skipped whole. */
  readonly side?: JkFrameSide;
  /** Largest LENGTH value accepted (default {@link JK_DEFAULT_MAX_LENGTH}). */
  readonly maxLength?: number;
  /** Also require the high half of the checksum field to be zero, as the vendor fills it (default false). */
  readonly strictChecksum?: boolean;
  /** Accept frames whose checksum does not match (diagnostics only, default false). */
  readonly ignoreChecksum?: boolean;
}

type Verdict = { readonly kind: "complete"; readonly total: number } | { readonly kind: "incomplete" } | ParseInvalid;
type ParseInvalid = { readonly kind: "invalid"; readonly skip: number; readonly error: BattError };

const TRANSMISSIONS = ["request", "response", "upload"] as const;

/**
 * Parses one 4E57 frame at the start of a buffer. Checks, in order: STX, a plausible LENGTH
 * (19..maxLength), the `68` end byte at LENGTH − 3, the byte sum; only then are fields taken.
 *
 * Resynchronisation: noise before `4E` is skipped in one run. While a header waits for bytes that
 * its LENGTH promises, a complete valid frame found later in the buffer proves the header false and
 * the bytes before that frame are skipped; a checksum failure skips only up to the next possible
 * header inside the bad frame. So a false `4E 57` in noise can neither stall nor swallow a real frame.
 */
export function createJkParser<F extends JkFrame = JkFrame>(options: JkParserOptions = {}): FrameParser<F> {
  const side = options.side ?? "any";
  return {
    parse(buffer): ParseResult<F> {
      const verdict = examine(buffer, options, true);
      if (verdict.kind !== "complete") return verdict;
      const frame = readFrame(buffer, verdict.total);
      if (frame instanceof BattError) return { kind: "invalid", skip: verdict.total, error: frame };
      if (side !== "any" && (frame.transmission === "request") !== (side === "request")) {
        const what = frame.transmission === "request" ? "a request frame (an echo?) where a reply was expected" : "a reply frame where a request was expected";
        return invalid(verdict.total, "frame", what, buffer.slice(0, verdict.total));
      }
      return { kind: "frame", frame: frame as F, length: verdict.total };
    },
  };
}

/** Parses replies from the BMS (host side). */
export const jkReplyParser: FrameParser<JkReplyFrame> = createJkParser<JkReplyFrame>({ side: "reply" });

/** Parses requests to the BMS (the simulator's side). */
export const jkRequestParser: FrameParser<JkRequestFrame> = createJkParser<JkRequestFrame>({ side: "request" });

/** Parses frames of either direction (captures, `batt decode`). */
export const jkFrameParser: FrameParser<JkFrame> = createJkParser();

/**
 * Decodes exactly one complete frame (a capture pasted by a person): no resynchronisation.
 *
 * @throws BattError `frame` for a truncated frame, a bad header, length or end byte, or bytes after
 *   the frame; `checksum` for a sum that does not match.
 */
export function decodeJkFrame(bytes: Uint8Array, options: Omit<JkParserOptions, "side"> = {}): JkFrame {
  if (bytes.length === 0) throw new BattError("frame", "no bytes to decode");
  const verdict = examine(bytes, options, false);
  if (verdict.kind === "incomplete") {
    const promised = bytes.length >= 4 ? ((bytes[2]! << 8) | bytes[3]!) + 2 : undefined;
    throw new BattError("frame", promised === undefined ? `truncated frame: ${bytes.length} bytes` : `truncated frame: LENGTH promises ${promised} bytes, got ${bytes.length}`, {
      context: { raw: bytes },
    });
  }
  if (verdict.kind === "invalid") throw verdict.error.withContext({ raw: bytes });
  if (verdict.total !== bytes.length) {
    throw new BattError("frame", `${bytes.length - verdict.total} byte(s) after the end of a ${verdict.total}-byte frame`, { context: { raw: bytes } });
  }
  const frame = readFrame(bytes, verdict.total);
  if (frame instanceof BattError) throw frame;
  return frame;
}

function examine(buffer: Uint8Array, options: JkParserOptions, resync: boolean): Verdict {
  if (buffer[0] !== JK_STX[0]) {
    const next = buffer.indexOf(JK_STX[0]!, 1);
    return invalid(next < 0 ? buffer.length : next, "frame", "expected STX 4E 57");
  }
  if (buffer.length < 2) return INCOMPLETE;
  if (buffer[1] !== JK_STX[1]) return invalid(1, "frame", `invalid header: 4E ${hex8(buffer[1]!)}`);
  if (buffer.length < 4) return INCOMPLETE;
  const length = (buffer[2]! << 8) | buffer[3]!;
  const maxLength = options.maxLength ?? JK_DEFAULT_MAX_LENGTH;
  if (length < JK_MIN_LENGTH || length > maxLength) return invalid(1, "frame", `implausible LENGTH ${length} (expected ${JK_MIN_LENGTH}..${maxLength})`);
  const total = length + 2;
  if (buffer.length < total) {
    const real = resync ? findCompleteFrame(buffer, 1, buffer.length, options) : -1;
    return real < 0 ? INCOMPLETE : invalid(real, "frame", `header with LENGTH ${length} abandoned: a complete frame starts ${real} bytes later`);
  }
  if (buffer[length - 3] !== JK_END_BYTE) return invalid(1, "frame", `no end byte 68 at offset ${length - 3} (LENGTH ${length})`);
  const sum = jkChecksum(buffer, length - 2);
  const high = (buffer[length - 2]! << 8) | buffer[length - 1]!;
  const low = (buffer[length]! << 8) | buffer[length + 1]!;
  const good = low === (sum & 0xffff) && (!options.strictChecksum || high === 0);
  if (!good && !options.ignoreChecksum) {
    let skip = total;
    if (resync) {
      const real = findCompleteFrame(buffer, 1, total, options);
      const header = indexOfBytes(buffer.subarray(0, total), JK_STX, 1);
      skip = real >= 0 ? real : header >= 0 ? header : total;
    }
    return invalid(skip, "checksum", `checksum ${hex16(high)}${hex16(low)} does not match the byte sum ${hex16(sum & 0xffff)}`, buffer.slice(0, total));
  }
  return { kind: "complete", total };
}

/** Index (≥ from, < to) of the first complete, checksum-valid frame in `buffer`, or -1. */
function findCompleteFrame(buffer: Uint8Array, from: number, to: number, options: JkParserOptions): number {
  for (let at = indexOfBytes(buffer, JK_STX, from); at >= 0 && at < to; at = indexOfBytes(buffer, JK_STX, at + 1)) {
    const verdict = examine(buffer.subarray(at), { ...options, ignoreChecksum: false }, false);
    if (verdict.kind === "complete") return at;
  }
  return -1;
}

function readFrame(buffer: Uint8Array, total: number): JkFrame | BattError {
  const length = total - 2;
  const transmission = TRANSMISSIONS[buffer[10]!];
  if (transmission === undefined) {
    return new BattError("frame", `unknown transmission type ${hex8(buffer[10]!)}`, { context: { raw: buffer.slice(0, total) } });
  }
  const view = new DataView(buffer.buffer, buffer.byteOffset, total);
  const fields = {
    command: buffer[8]!,
    source: buffer[9]!,
    terminal: view.getUint32(4),
    record: view.getUint32(length - 7),
    info: buffer.slice(JK_INFO_OFFSET, length - 7),
  };
  return transmission === "request" ? { transmission, ...fields } : { transmission, ...fields };
}

function invalid(skip: number, code: "frame" | "checksum", message: string, raw?: Uint8Array): ParseInvalid {
  return { kind: "invalid", skip, error: new BattError(code, message, raw ? { context: { raw } } : {}) };
}
