import { BattError, type ErrorCode } from "./errors.js";

/** Why a parser rejected bytes: `frame` (they cannot start a valid frame) or `checksum` (a complete frame whose sum does not match). */
export type SkipCode = Extract<ErrorCode, "frame" | "checksum">;

/**
 * The message of a rejection: a string, or a function that builds it. No error object is made per
 * rejection: {@link FrameDecoder} makes one `BattError` per reported run of skipped bytes, and only
 * when someone reads it, so a function keeps formatting off the per-byte path too.
 */
export type SkipMessage = string | (() => string);

/** A parser result for bytes that cannot start a frame (see {@link ParseResult}). */
export interface ParseInvalid {
  /** Marks the result. */
  readonly kind: "invalid";
  /**
   * How many bytes to drop (at least 1). A parser should drop in one step every byte that cannot start
   * a frame, up to the next possible frame start, so noise costs one call per possible start, not per byte.
   */
  readonly skip: number;
  /** Why: `checksum` for a complete frame with a bad sum, `frame` otherwise. */
  readonly code: SkipCode;
  /** What was wrong, for people. */
  readonly message: SkipMessage;
  /**
   * For `checksum`: the length of the frame whose sum failed, when `skip` drops less of it (default
   * `skip`). A checksum failure of a false header that starts inside that frame is not counted again.
   */
  readonly span?: number;
}

/** A parser result for "need more bytes" (see {@link ParseResult}). */
export interface ParseIncomplete {
  /** Marks the result. */
  readonly kind: "incomplete";
  /**
   * For parsers that look past a waiting header for a complete frame behind it: every candidate frame
   * that starts after the first byte and ends at or before this offset has been examined and none is
   * complete and valid. {@link FrameDecoder} hands it back to the next call (shifted by the bytes it
   * drops), so each candidate is examined once, not once per chunk.
   */
  readonly checkedTo?: number;
  /**
   * For parsers whose judgement of the frame at offset 0 is a running computation (a CRC over an unknown
   * length): its state after the first `checkedTo` bytes, an opaque number. {@link FrameDecoder} hands it
   * back with `checkedTo` while that frame start stays at offset 0, so the next call carries on instead of
   * starting over, and a frame that arrives byte by byte costs linear time.
   */
  readonly resume?: number;
}

/**
 * What a {@link FrameParser} found at the start of the buffer:
 * - `incomplete`: could be a frame, but more bytes are needed;
 * - `frame`: a whole, verified frame occupies the first `length` bytes;
 * - `invalid`: the first `skip` bytes (at least 1) cannot start a valid frame and are dropped;
 *   `code` and `message` say why. Parsers build no `BattError` here (see {@link SkipMessage}).
 */
export type ParseResult<F> = ParseIncomplete | { readonly kind: "frame"; readonly frame: F; readonly length: number } | ParseInvalid;

/**
 * A pure function from bytes to one frame: no I/O, no state, no timers. It looks only at the
 * start of `buffer`; {@link FrameDecoder} handles the rolling buffer and resynchronisation.
 *
 * A parser must verify lengths and checksums before it decodes any field. Its work per call must be
 * bounded by the bytes it drops or by a constant (a frame's length), so a stream costs linear time.
 */
export interface FrameParser<F> {
  /**
   * Examines the bytes at the start of `buffer` (never empty).
   *
   * @param checkedTo - the `checkedTo` of this parser's last `incomplete` result on the same bytes, shifted
   *   to this buffer (0 when there is none); a parser that does not look ahead ignores it.
   * @param resume - the `resume` of that result when no byte has been dropped since (else undefined).
   */
  parse(buffer: Uint8Array, checkedTo?: number, resume?: number): ParseResult<F>;
}

/** A frame parser result for "need more bytes". */
export const INCOMPLETE = { kind: "incomplete" } as const;

/** Builds an `invalid` result: drop `skip` bytes because of `code`, described by `message`. */
export function invalid(skip: number, code: SkipCode, message: SkipMessage, span?: number): ParseInvalid {
  return span === undefined ? { kind: "invalid", skip, code, message } : { kind: "invalid", skip, code, message, span };
}

/** The message of a rejection as text. */
export function skipMessage(message: SkipMessage): string {
  return typeof message === "string" ? message : message();
}

/**
 * The typed error for one rejection, for callers that parse a single buffer on their own (a capture,
 * a pasted frame) rather than through a {@link FrameDecoder}.
 */
export function parseError(result: ParseInvalid, raw?: Uint8Array): BattError {
  return new BattError(result.code, skipMessage(result.message), raw ? { context: { raw } } : {});
}
