import type { BattError } from "./errors.js";

/**
 * What a {@link FrameParser} found at the start of the buffer:
 * - `incomplete`: could be a frame, but more bytes are needed;
 * - `frame`: a whole, verified frame occupies the first `length` bytes;
 * - `invalid`: the first `skip` bytes (at least 1) cannot start a valid frame and are dropped;
 *   `error` says why (`checksum` for a complete frame with a bad sum, `frame` otherwise).
 */
export type ParseResult<F> =
  | { readonly kind: "incomplete" }
  | { readonly kind: "frame"; readonly frame: F; readonly length: number }
  | { readonly kind: "invalid"; readonly skip: number; readonly error: BattError };

/**
 * A pure function from bytes to one frame: no I/O, no state, no timers. It looks only at the
 * start of `buffer`; {@link FrameDecoder} handles the rolling buffer and resynchronisation.
 *
 * A parser must verify lengths and checksums before it decodes any field.
 */
export interface FrameParser<F> {
  /** Examines the bytes at the start of `buffer` (never empty). */
  parse(buffer: Uint8Array): ParseResult<F>;
}

/** A frame parser result for "need more bytes". */
export const INCOMPLETE = { kind: "incomplete" } as const;
