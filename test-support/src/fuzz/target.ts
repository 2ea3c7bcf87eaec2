import type { Prng } from "@batt/core";

/**
 * How a protocol frames its bytes, as far as the fuzzer needs it: the checksum (recomputed so that
 * mutants reach the field decoders behind it, and checked independently of the decoder as an
 * oracle), the length field and the header bytes worth planting as false headers.
 */
export interface FrameShape {
  /** Name for reports (`jbd`, `jk 4E57`, `modbus rtu` …). */
  readonly name: string;
  /**
   * Makes a mutant internally consistent where it can: recomputes the checksum at the position the
   * (possibly corrupted) length field implies, and sometimes rewrites the length field and end byte
   * to fit the actual size first. Returns `undefined` when the bytes cannot hold a frame at all.
   */
  fix(bytes: Uint8Array, rng: Prng): Uint8Array | undefined;
  /** Whether `frame` is exactly one frame whose checksum matches (the oracle; written apart from the decoders). */
  verify(frame: Uint8Array): boolean;
  /** Offset and size (bytes, big-endian unless `littleEndian`) of the length field, for length-field corruption. */
  readonly lengthField?: { readonly offset: number; readonly size: 1 | 2 };
  /** Header and other magic byte runs of the protocol: planted as false headers and used as replacement bytes. */
  readonly tokens: readonly Uint8Array[];
}

/** A decoder under test. Bytes in; a value or a `BattError` out. */
export interface FuzzTarget<T = unknown> {
  /** Name for reports, e.g. `jbd basic info (0x03)`. */
  readonly name: string;
  /** Valid inputs the mutants start from (literal frames from the documents and the tests). */
  readonly seeds: readonly Uint8Array[];
  /** The framing, when the input is (a stream of) frames with a checksum or length field. */
  readonly shape?: FrameShape;
  /** Inputs are cut to this length (default 1024). */
  readonly maxLength?: number;
  /** Decodes one input: returns a value or throws (only a `BattError` is acceptable). */
  decode(input: Uint8Array): T;
  /**
   * Checks a decoded value against the input; returns what is wrong, or `undefined`. Typically: every
   * frame the value came from passes {@link FrameShape.verify} (no value from a bad-checksum frame).
   */
  check?(input: Uint8Array, value: T): string | undefined;
  /** More mutators for this input format (text tokens, JSON structure …), used alongside the byte mutators. */
  readonly mutators?: readonly Mutator[];
}

/** One mutation: returns a new array (the input is never changed). */
export interface Mutator {
  /** Name for statistics. */
  readonly name: string;
  /** Relative weight when mutators are drawn (default 1). */
  readonly weight?: number;
  /** Returns the mutant. `seeds` are the target's seeds, for splicing. */
  apply(input: Uint8Array, rng: Prng, context: MutationContext): Uint8Array;
}

/** What a mutator may use besides the input. */
export interface MutationContext {
  /** The target's seeds. */
  readonly seeds: readonly Uint8Array[];
  /** The target's frame shape, if any. */
  readonly shape: FrameShape | undefined;
}

/** Declares a target with its value type inferred from `decode` (so `check` is typed), for lists of mixed targets. */
export function defineTarget<T>(target: FuzzTarget<T>): FuzzTarget<T> {
  return target;
}
