import { BattError, FrameDecoder, toHex, type FrameParser, type TransportKind } from "@batt/core";
import type { FrameShape, FuzzTarget, Mutator } from "./target.js";

/** What a stream target's decode returns: the frames found (raw bytes) and what was made of them. */
export interface StreamResult {
  /** The raw bytes of every frame the decoder returned. */
  readonly frames: readonly Uint8Array[];
  /** The decoded frames (or their descriptions). */
  readonly values: readonly unknown[];
  /** Skipped runs reported by the decoder. */
  readonly skipped: number;
}

/** Options of {@link streamTarget}. */
export interface StreamTargetOptions<F> {
  /** Target name. */
  readonly name: string;
  /** Seeds. */
  readonly seeds: readonly Uint8Array[];
  /** Framing: recomputes mutants' checksums, and every returned frame must pass its `verify`. */
  readonly shape: FrameShape;
  /** The parser under test (a new one per input when a function). */
  readonly parser: FrameParser<F> | (() => FrameParser<F>);
  /** `stream` (default): the input arrives in chunks of varying size; `packet`: the input is one report. */
  readonly mode?: TransportKind;
  /** Field decoding applied to each frame (e.g. `describeJbdFrame`). */
  readonly describe?: (frame: F) => unknown;
  /** Whether returned frames must pass `shape.verify` (default true; false for framings without a checksum). */
  readonly verifyFrames?: boolean;
  /** Inputs are cut to this length (default 1024). */
  readonly maxLength?: number;
  /** Extra mutators. */
  readonly mutators?: readonly Mutator[];
}

/** Chunk sizes cycled through when feeding a stream: single bytes, odd sizes, whole blocks. */
const CHUNKS = [1, 3, 7, 16, 64, 5, 2, 33];

/**
 * A target that feeds the input to a {@link FrameDecoder} over `parser` (in chunks whose sizes depend
 * only on the input length, so a failure replays from its hex) and decodes every frame it returns.
 */
export function streamTarget<F>(options: StreamTargetOptions<F>): FuzzTarget<StreamResult> {
  const parserOf = typeof options.parser === "function" ? options.parser : () => options.parser as FrameParser<F>;
  return {
    name: options.name,
    seeds: options.seeds,
    shape: options.shape,
    ...(options.maxLength !== undefined ? { maxLength: options.maxLength } : {}),
    ...(options.mutators ? { mutators: options.mutators } : {}),
    decode(input) {
      const decoder = new FrameDecoder(parserOf(), { mode: options.mode ?? "stream" });
      const frames: Uint8Array[] = [];
      const values: unknown[] = [];
      let skipped = 0;
      let firstError: BattError | undefined;
      const take = (events: ReturnType<typeof decoder.push>): void => {
        for (const event of events) {
          if (event.type === "skipped") {
            skipped++;
            if (!firstError || (event.error.code === "checksum" && firstError.code !== "checksum")) firstError = event.error;
          }
          else {
            frames.push(event.raw);
            values.push(options.describe ? options.describe(event.frame) : event.frame);
          }
        }
      };
      if (options.mode === "packet") take(decoder.push(input));
      else {
        for (let at = 0, k = input.length % CHUNKS.length; at < input.length; k++) {
          const size = CHUNKS[k % CHUNKS.length]!;
          take(decoder.push(input.subarray(at, at + size)));
          at += size;
        }
      }
      // As `batt decode` does: no frame at all is an error, the checksum failure first if there was one.
      if (frames.length === 0) throw firstError ?? new BattError("frame", "no frame in the input");
      return { frames, values, skipped };
    },
    check(_input, result) {
      if (options.verifyFrames === false) return undefined;
      const bad = result.frames.find((raw) => !options.shape.verify(raw));
      return bad ? `a frame that fails the ${options.shape.name} check was returned: ${toHex(bad)}` : undefined;
    },
  };
}

/**
 * A check for single-frame decoders: when the decoder returned a value, `rawOf(input, value)` (the
 * bytes the value came from; the whole input by default) must pass `shape.verify`.
 */
export function verifiedFrame<T>(shape: FrameShape, rawOf: (input: Uint8Array, value: T) => Uint8Array = (input) => input): (input: Uint8Array, value: T) => string | undefined {
  return (input, value) => (shape.verify(rawOf(input, value)) ? undefined : `a value came from bytes that fail the ${shape.name} check`);
}

/**
 * The first thing a {@link FrameDecoder} over `parser` finds in `input` (fed whole): the frame when
 * the input starts with one, otherwise the error of the bytes it skipped first (a `BattError`).
 * The way a driver reads one reply, for targets that decode a single frame's fields.
 */
export function firstFrame<F>(parser: FrameParser<F>, input: Uint8Array, mode: TransportKind = "stream"): { readonly frame: F; readonly raw: Uint8Array } {
  const first = new FrameDecoder(parser, { mode }).push(input)[0];
  if (first === undefined) throw new BattError("frame", `incomplete frame (${input.length} bytes)`);
  if (first.type === "skipped") throw first.error;
  return { frame: first.frame, raw: first.raw };
}
