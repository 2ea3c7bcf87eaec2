import { createPrng, isBattError, toHex, type Prng } from "@batt/core";
import { BYTE_MUTATORS, drawMutator } from "./mutators.js";
import { findNonFinite } from "./sanity.js";
import type { FuzzTarget, MutationContext } from "./target.js";
import type { WorkMeter } from "./work-meter.js";

/** What went wrong with one input. */
export interface FuzzFailure {
  /**
   * - `exception`: something other than a `BattError` was thrown;
   * - `non-finite`: a decoded number is NaN or infinite;
   * - `check`: the target's own check failed (typically: a value from a frame whose checksum does not match);
   * - `work`: the input took more work than its budget.
   */
  readonly kind: "exception" | "non-finite" | "check" | "work";
  /** What happened. */
  readonly message: string;
  /** The input, in hex. */
  readonly hex: string;
  /** The input. */
  readonly input: Uint8Array;
}

/** Work allowed for one input: `base + perByte × input length` blocks (see {@link WorkMeter}). */
export interface WorkBudget {
  /** Blocks any input may take. */
  readonly base: number;
  /** Blocks per input byte on top. */
  readonly perByte: number;
}

/** Options of {@link runFuzz}. */
export interface FuzzOptions {
  /** PRNG seed: the same seed gives the same inputs. */
  readonly seed: number;
  /** How many mutants to decode. */
  readonly inputs: number;
  /** Counts work per input when given (see {@link WorkMeter}). */
  readonly meter?: WorkMeter;
  /** Measure the work of one input in this many (default 499; replayed after the run), and of every stress input. */
  readonly workEvery?: number;
  /** Work allowed per input (default 50 000 + 1 000 blocks per byte: generous; super-linear growth is what the scaling check catches). */
  readonly budget?: WorkBudget;
  /** Keep the slowest input by wall clock (benchmarks only; default false). */
  readonly timing?: boolean;
  /** Failures kept (default 10); the counts go on. */
  readonly maxFailures?: number;
}

/** The work of one input. */
export interface WorkSample {
  /** Blocks executed. */
  readonly work: number;
  /** Input length. */
  readonly length: number;
  /** Input in hex (cut to 48 bytes). */
  readonly hex: string;
}

/** How work grows with input size for one family of long inputs. */
export interface ScalingSample {
  /** Family: `seeds`, `tokens` or `random`. */
  readonly family: string;
  /** The shorter input. */
  readonly small: WorkSample;
  /** The input four times as long (the shorter one is the target's `maxLength`, at least 4096 bytes). */
  readonly large: WorkSample;
  /** large.work / max(small.work, small length): about 4 (or less) when the work is linear. */
  readonly ratio: number;
}

/** Statistics of one target's run. */
export interface FuzzStats {
  /** Target name. */
  readonly target: string;
  /** Inputs decoded (mutants plus stress inputs). */
  inputs: number;
  /** Inputs that gave a value. */
  decoded: number;
  /** Inputs rejected with a `BattError`. */
  typedErrors: number;
  /** `BattError` codes seen, with counts. */
  readonly errorCodes: Record<string, number>;
  /** Inputs that threw anything else. */
  otherExceptions: number;
  /** Mutants whose checksum (or length) was recomputed after mutation. */
  recomputed: number;
  /** Values decoded from recomputed mutants: the field decoders behind the checksum were reached. */
  decodedRecomputed: number;
  /** Values decoded from mutated inputs (not plain seeds). */
  decodedMutants: number;
  /** The first failures (see {@link FuzzOptions.maxFailures}). */
  readonly failures: FuzzFailure[];
  /** Failures in all. */
  failureCount: number;
  /** Inputs whose work was measured. */
  measured: number;
  /** The input with the most work, when measured. */
  maxWork?: WorkSample;
  /** Work growth on long inputs, when measured. */
  readonly scaling: ScalingSample[];
  /** The slowest input by wall clock (with `timing`). */
  slowest?: { readonly ms: number; readonly length: number; readonly hex: string };
  /** Wall-clock time of the run in ms (with `timing`). */
  elapsedMs?: number;
}

const DEFAULT_BUDGET: WorkBudget = { base: 50_000, perByte: 1_000 };

/** Hex of at most `max` bytes, with the full length when cut. */
export function shortHex(bytes: Uint8Array, max = 48): string {
  return bytes.length <= max ? toHex(bytes) : `${toHex(bytes.subarray(0, max))} … (${bytes.length} bytes)`;
}

type Outcome = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };

function run<T>(target: FuzzTarget<T>, input: Uint8Array): Outcome {
  try {
    return { ok: true, value: target.decode(input) };
  } catch (error) {
    return { ok: false, error };
  }
}

/**
 * What is wrong with one outcome, or `undefined`: only `BattError`s may be thrown, every decoded
 * number is finite, and the target's check passes.
 */
export function judge<T>(target: FuzzTarget<T>, input: Uint8Array, outcome: Outcome): Omit<FuzzFailure, "hex" | "input"> | undefined {
  if (!outcome.ok) {
    if (isBattError(outcome.error)) return undefined;
    const e = outcome.error;
    return { kind: "exception", message: e instanceof Error ? `${e.name}: ${e.message}` : `thrown ${String(e)}` };
  }
  const bad = findNonFinite(outcome.value);
  if (bad) return { kind: "non-finite", message: bad };
  const complaint = target.check?.(input, outcome.value as T);
  return complaint ? { kind: "check", message: complaint } : undefined;
}

/** Builds the next mutant; reports whether its checksum was recomputed. */
function mutate<T>(target: FuzzTarget<T>, rng: Prng, context: MutationContext, mutators: typeof BYTE_MUTATORS, totalWeight: number): { input: Uint8Array; recomputed: boolean; mutated: boolean } {
  const seed = target.seeds[rng.int(0, target.seeds.length - 1)]!;
  if (rng.next() < 0.02) return { input: seed, recomputed: false, mutated: false };
  let input = seed;
  for (let n = rng.int(1, 3); n > 0; n--) input = drawMutator(rng, mutators, totalWeight).apply(input, rng, context);
  let recomputed = false;
  if (target.shape && rng.next() < 0.5) {
    const fixed = target.shape.fix(input, rng);
    if (fixed) {
      input = fixed;
      recomputed = true;
      // A good frame behind garbage, or with bytes after it: resynchronisation and trailing-byte handling.
      if (rng.next() < 0.15) input = drawMutator(rng, mutators.filter((m) => m.name.startsWith("garbage")), 2).apply(input, rng, context);
    }
  }
  return { input, recomputed, mutated: true };
}

/** Long inputs for the scaling check: the seeds back to back, the protocol's tokens repeated, random bytes. */
function stressInputs<T>(target: FuzzTarget<T>, length: number, rng: Prng): { family: string; input: Uint8Array }[] {
  const fill = (parts: readonly Uint8Array[]): Uint8Array => {
    const out = new Uint8Array(length);
    let at = 0;
    for (let i = 0; at < length; i++) {
      const part = parts[i % parts.length]!;
      out.set(part.subarray(0, length - at), at);
      at += Math.max(1, part.length);
    }
    return out;
  };
  const tokens = (target.shape?.tokens ?? []).map((t) => Uint8Array.of(...t, 0xff, 0xff));
  const random = new Uint8Array(length).map(() => rng.int(0, 255));
  return [
    { family: "seeds", input: fill(target.seeds) },
    ...(tokens.length > 0 ? [{ family: "tokens", input: fill(tokens) }] : []),
    { family: "random", input: random },
  ];
}

/**
 * Decodes `options.inputs` seeded mutants of the target's seeds (bit flips, byte insertions and
 * deletions, truncation, extension, length-field corruption, garbage before and after, false headers,
 * splices; half of them with the checksum recomputed), then long stress inputs, and checks every
 * outcome with {@link judge} and, with a meter, against the work budget.
 */
export function runFuzz<T>(target: FuzzTarget<T>, options: FuzzOptions): FuzzStats {
  const rng = createPrng(options.seed);
  const mutators = [...BYTE_MUTATORS, ...(target.mutators ?? [])];
  const totalWeight = mutators.reduce((n, m) => n + (m.weight ?? 1), 0);
  const context: MutationContext = { seeds: target.seeds, shape: target.shape };
  const maxLength = target.maxLength ?? 1024;
  const budget = options.budget ?? DEFAULT_BUDGET;
  const workEvery = options.workEvery ?? 499;
  const maxFailures = options.maxFailures ?? 10;
  const stats: FuzzStats = {
    target: target.name,
    inputs: 0,
    decoded: 0,
    typedErrors: 0,
    errorCodes: {},
    otherExceptions: 0,
    recomputed: 0,
    decodedRecomputed: 0,
    decodedMutants: 0,
    failures: [],
    failureCount: 0,
    measured: 0,
    scaling: [],
  };
  const fail = (input: Uint8Array, failure: Omit<FuzzFailure, "hex" | "input">): void => {
    stats.failureCount++;
    if (stats.failures.length < maxFailures) stats.failures.push({ ...failure, hex: shortHex(input, 256), input });
  };
  const measure = (input: Uint8Array): WorkSample | undefined => {
    if (!options.meter) return undefined;
    const work = options.meter.measure(() => void run(target, input));
    stats.measured++;
    const sample = { work, length: input.length, hex: shortHex(input) };
    if (!stats.maxWork || work > stats.maxWork.work) stats.maxWork = sample;
    const allowed = budget.base + budget.perByte * input.length;
    if (work > allowed) fail(input, { kind: "work", message: `${work} blocks for ${input.length} bytes (budget ${allowed})` });
    return sample;
  };
  const record = (outcome: Outcome, mutated: boolean, recomputed: boolean): Outcome => {
    stats.inputs++;
    if (outcome.ok) {
      stats.decoded++;
      if (mutated) stats.decodedMutants++;
      if (recomputed) stats.decodedRecomputed++;
    } else if (isBattError(outcome.error)) {
      stats.typedErrors++;
      stats.errorCodes[outcome.error.code] = (stats.errorCodes[outcome.error.code] ?? 0) + 1;
    } else stats.otherExceptions++;
    return outcome;
  };
  const sampled: Uint8Array[] = [];
  const started = options.timing ? performance.now() : 0;
  for (let i = 0; i < options.inputs; i++) {
    const mutant = mutate(target, rng, context, mutators, totalWeight);
    const input = mutant.input.length > maxLength ? mutant.input.subarray(0, maxLength) : mutant.input;
    if (mutant.recomputed) stats.recomputed++;
    const before = options.timing ? performance.now() : 0;
    const outcome = run(target, input);
    if (options.timing) {
      const ms = performance.now() - before;
      if (!stats.slowest || ms > stats.slowest.ms) stats.slowest = { ms, length: input.length, hex: shortHex(input, 24) };
    }
    const failure = judge(target, input, record(outcome, mutant.mutated, mutant.recomputed));
    if (failure) fail(input, failure);
    if (i % workEvery === 0) sampled.push(input);
  }
  if (options.meter) {
    for (const input of sampled) measure(input);
    // Long enough that a header waiting for its longest frame is a small part of either input.
    const stressLength = Math.max(maxLength, 4096);
    // The shorter input is the first quarter of the longer one, so the two differ in length only.
    stressInputs(target, 4 * stressLength, rng).forEach((large) => {
      const small = { family: large.family, input: large.input.subarray(0, stressLength) };
      const a = measure(small.input)!;
      const b = measure(large.input)!;
      for (const input of [small.input, large.input]) {
        const failure = judge(target, input, record(run(target, input), false, false));
        if (failure) fail(input, failure);
      }
      // Against at least one block per byte: a decoder that gives up early on the shorter input would make any ratio look large.
      stats.scaling.push({ family: small.family, small: a, large: b, ratio: b.work / Math.max(a.work, small.input.length) });
    });
  }
  if (options.timing) stats.elapsedMs = performance.now() - started;
  return stats;
}

/** A short text of the failures, for assertion messages. */
export function describeFailures(stats: FuzzStats): string {
  return stats.failures.map((f) => `${f.kind}: ${f.message}\n  input: ${f.hex}`).join("\n");
}
