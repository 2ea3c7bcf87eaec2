import { BattError, INCOMPLETE, invalid, parseError, sum16, type FrameParser, type ParseIncomplete, type ParseInvalid, type ParseResult } from "@batt/core";
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

type Verdict = { readonly kind: "complete"; readonly total: number } | ParseIncomplete | ParseInvalid;

const TRANSMISSIONS = ["request", "response", "upload"] as const;
const STX0 = JK_STX[0]!;
const STX1 = JK_STX[1]!;
/** Bytes of the smallest frame (LENGTH + the two STX bytes). */
const MIN_TOTAL = JK_MIN_LENGTH + 2;

/**
 * Parses one 4E57 frame at the start of a buffer. Checks, in order: STX, a plausible LENGTH
 * (19..maxLength), the `68` end byte at LENGTH − 3, the byte sum; only then are fields taken.
 *
 * Resynchronisation, in time linear in the stream: bytes that cannot start a frame are skipped up to
 * the next `4E` in one step. While a header waits for bytes that its LENGTH promises, a complete valid
 * frame found later in the buffer proves the header false and the bytes before that frame are skipped;
 * that search resumes where the previous one stopped (`checkedTo`), so each candidate is summed once.
 * A checksum failure skips only up to the next `4E 57` inside the bad frame. So a false `4E 57` in
 * noise can neither stall nor swallow a real frame, and a flood of them costs a bounded amount per byte.
 */
export function createJkParser<F extends JkFrame = JkFrame>(options: JkParserOptions = {}): FrameParser<F> {
  const side = options.side ?? "any";
  return {
    parse(buffer, checkedTo = 0): ParseResult<F> {
      const verdict = examine(buffer, options, true, checkedTo);
      if (verdict.kind !== "complete") return verdict;
      const total = verdict.total;
      const type = buffer[10]!;
      const transmission = TRANSMISSIONS[type];
      if (transmission === undefined) return invalid(total, "frame", () => `unknown transmission type ${hex8(type)}`);
      if (side !== "any" && (transmission === "request") !== (side === "request")) {
        return invalid(total, "frame", transmission === "request" ? "a request frame (an echo?) where a reply was expected" : "a reply frame where a request was expected");
      }
      return { kind: "frame", frame: readFrame(buffer, total, transmission) as F, length: total };
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
  const verdict = examine(bytes, options, false, 0);
  if (verdict.kind === "incomplete") {
    const promised = bytes.length >= 4 ? ((bytes[2]! << 8) | bytes[3]!) + 2 : undefined;
    throw new BattError("frame", promised === undefined ? `truncated frame: ${bytes.length} bytes` : `truncated frame: LENGTH promises ${promised} bytes, got ${bytes.length}`, {
      context: { raw: bytes },
    });
  }
  if (verdict.kind === "invalid") throw parseError(verdict, bytes);
  if (verdict.total !== bytes.length) {
    throw new BattError("frame", `${bytes.length - verdict.total} byte(s) after the end of a ${verdict.total}-byte frame`, { context: { raw: bytes } });
  }
  const transmission = TRANSMISSIONS[bytes[10]!];
  if (transmission === undefined) throw new BattError("frame", `unknown transmission type ${hex8(bytes[10]!)}`, { context: { raw: bytes } });
  return readFrame(bytes, verdict.total, transmission);
}

/** Where the next frame could start after the `4E` at 0: the next `4E`, or the end of the buffer. */
function nextStx(buffer: Uint8Array): number {
  const next = buffer.indexOf(STX0, 1);
  return next < 0 ? buffer.length : next;
}

/** The first `4E 57` after offset 0 and before `end`, or -1. */
function headerBefore(buffer: Uint8Array, end: number): number {
  for (let at = buffer.indexOf(STX0, 1); at >= 0 && at + 1 < end; at = buffer.indexOf(STX0, at + 1)) if (buffer[at + 1] === STX1) return at;
  return -1;
}

/**
 * Judges the frame at the start of `buffer`. With `lookahead`, a header that waits for more bytes is
 * abandoned for a complete valid frame behind it; candidates that end at or before `checkedTo` were
 * examined by an earlier call and are not summed again.
 */
function examine(buffer: Uint8Array, options: JkParserOptions, lookahead: boolean, checkedTo: number): Verdict {
  if (buffer[0] !== STX0) {
    const next = buffer.indexOf(STX0, 1);
    return invalid(next < 0 ? buffer.length : next, "frame", "expected STX 4E 57");
  }
  if (buffer.length < 2) return INCOMPLETE;
  const second = buffer[1]!;
  if (second !== STX1) return invalid(nextStx(buffer), "frame", () => `invalid header: 4E ${hex8(second)}`);
  if (buffer.length < 4) return INCOMPLETE;
  const length = (buffer[2]! << 8) | buffer[3]!;
  const maxLength = options.maxLength ?? JK_DEFAULT_MAX_LENGTH;
  if (length < JK_MIN_LENGTH || length > maxLength) {
    return invalid(nextStx(buffer), "frame", () => `implausible LENGTH ${length} (expected ${JK_MIN_LENGTH}..${maxLength})`);
  }
  const total = length + 2;
  if (buffer.length < total) {
    if (!lookahead) return INCOMPLETE;
    const real = completeFrameAfter(buffer, maxLength, options.strictChecksum === true, checkedTo);
    if (real < 0) return { kind: "incomplete", checkedTo: buffer.length };
    return invalid(real, "frame", () => `header with LENGTH ${length} abandoned: a complete frame starts ${real} bytes later`);
  }
  if (buffer[length - 3] !== JK_END_BYTE) return invalid(nextStx(buffer), "frame", () => `no end byte 68 at offset ${length - 3} (LENGTH ${length})`);
  // Only the low 16 bits of the sum are compared (see jkChecksum); sum16 keeps to integer arithmetic.
  const sum = sum16(buffer, 0, length - 2);
  const high = (buffer[length - 2]! << 8) | buffer[length - 1]!;
  const low = (buffer[length]! << 8) | buffer[length + 1]!;
  const good = low === sum && (!options.strictChecksum || high === 0);
  if (!good && !options.ignoreChecksum) {
    // A real frame may start inside a false one: drop only up to the next header inside it.
    const header = headerBefore(buffer, total);
    return invalid(header >= 0 ? header : total, "checksum", () => `checksum ${hex16(high)}${hex16(low)} does not match the byte sum ${hex16(sum)}`, total);
  }
  return { kind: "complete", total };
}

/** Below this many new bytes, the search for a frame behind a waiting header goes by end byte rather than by start. */
const FEW_NEW_BYTES = 32;

/**
 * Offset (≥ 1) of the first complete, checksum-valid frame in `buffer` that ends after `checkedTo`, or -1.
 * Frames that end at or before `checkedTo` were examined by an earlier call. When few bytes are new (a
 * slow line delivers one or two at a time), only the new ends whose end byte is `68` are tried, each
 * against the starts up to maxLength + 2 bytes before it; otherwise every start that could end in the
 * new bytes is tried once. Either way each candidate's sum is taken once.
 */
function completeFrameAfter(buffer: Uint8Array, maxLength: number, strict: boolean, checkedTo: number): number {
  const n = buffer.length;
  if (n - checkedTo > FEW_NEW_BYTES) {
    for (let at = Math.max(1, checkedTo - maxLength - 1); at + MIN_TOTAL <= n; at++) {
      if (buffer[at] !== STX0 || buffer[at + 1] !== STX1) continue;
      const length = (buffer[at + 2]! << 8) | buffer[at + 3]!;
      const end = at + length + 2;
      if (length >= JK_MIN_LENGTH && length <= maxLength && end > checkedTo && end <= n && validFrameAt(buffer, at, length, strict)) return at;
    }
    return -1;
  }
  let first = -1;
  for (let end = Math.max(checkedTo, MIN_TOTAL) + 1; end <= n; end++) {
    // The end byte sits 5 bytes before the end (4 checksum bytes follow it).
    if (buffer[end - 5] !== JK_END_BYTE) continue;
    const last = first >= 0 ? Math.min(first - 1, end - MIN_TOTAL) : end - MIN_TOTAL;
    for (let at = Math.max(1, end - maxLength - 2); at <= last; at++) {
      if (buffer[at] !== STX0 || buffer[at + 1] !== STX1 || ((buffer[at + 2]! << 8) | buffer[at + 3]!) + 2 !== end - at) continue;
      if (validFrameAt(buffer, at, end - at - 2, strict)) {
        first = at;
        break;
      }
    }
  }
  return first;
}

/** Whether the frame of LENGTH `length` at `at` (all of it received) has its end byte and a matching sum. */
function validFrameAt(buffer: Uint8Array, at: number, length: number, strict: boolean): boolean {
  if (buffer[at + length - 3] !== JK_END_BYTE) return false;
  const high = (buffer[at + length - 2]! << 8) | buffer[at + length - 1]!;
  const low = (buffer[at + length]! << 8) | buffer[at + length + 1]!;
  return low === sum16(buffer, at, at + length - 2) && (!strict || high === 0);
}

function readFrame(buffer: Uint8Array, total: number, transmission: JkFrame["transmission"]): JkFrame {
  const length = total - 2;
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
