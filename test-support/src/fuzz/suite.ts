import { afterAll, describe, expect, it } from "vitest";
import { describeFailures, runFuzz, type FuzzStats, type WorkBudget } from "./runner.js";
import type { FuzzTarget } from "./target.js";
import { createWorkMeter } from "./work-meter.js";

/** Options of {@link fuzzSuite}. */
export interface FuzzSuiteOptions {
  /** Mutants per target (default 20 000). */
  readonly inputs?: number;
  /** PRNG seed (default 0x1410, issue 14 item 10). */
  readonly seed?: number;
  /** Work allowed per input (see {@link runFuzz}). */
  readonly budget?: WorkBudget;
  /** Targets that may not reach their field decoders through recomputed checksums (text formats). */
  readonly skipRecomputeCheck?: readonly string[];
}

/**
 * The work meter of this test file. Made when this module is evaluated, which is before any decoder
 * runs as long as a test file imports this module before its targets: V8 counts blocks only in
 * functions compiled after counting started.
 */
const meter = createWorkMeter();

/** A target takes a second or two; the margin is for machines busy with other test files. */
const TARGET_TIMEOUT_MS = 120_000;

/**
 * Growth of work allowed when a long input grows four times: linear code gives about 4, a quadratic
 * scan about 16. Work is counted, not timed, so the bound is deterministic.
 */
export const MAX_SCALING_RATIO = 8;

/**
 * One vitest test per target: `inputs` seeded mutants, with every outcome checked (only `BattError`s
 * thrown, no NaN or infinite number, no value from a frame whose checksum fails, work within budget
 * and linear in the input length), and checks that the run reached what it is meant to reach: values
 * from mutants, typed errors, and values from mutants whose checksum was recomputed.
 */
export function fuzzSuite(title: string, targets: readonly FuzzTarget[], options: FuzzSuiteOptions = {}): void {
  describe(title, () => {
    afterAll(() => meter?.close());

    it("counts work with the V8 block-coverage meter", () => {
      expect(meter).toBeDefined();
      const target = targets[0]!;
      const decode = (input: Uint8Array) => () => {
        try {
          target.decode(input);
        } catch {
          // only the count matters here
        }
      };
      const once = meter!.measure(decode(target.seeds[0]!));
      const again = meter!.measure(decode(target.seeds[0]!));
      expect(once).toBeGreaterThan(0);
      expect(again).toBe(once); // deterministic: the same input, the same count

    });

    for (const [index, target] of targets.entries()) {
      it(target.name, () => {
        const stats: FuzzStats = runFuzz(target, {
          seed: (options.seed ?? 0x1410) + index,
          inputs: options.inputs ?? 20_000,
          ...(meter ? { meter } : {}),
          ...(options.budget ? { budget: options.budget } : {}),
        });
        expect(stats.failures, describeFailures(stats)).toEqual([]);
        expect(stats.otherExceptions).toBe(0);
        expect(stats.decodedMutants).toBeGreaterThan(0);
        expect(stats.typedErrors).toBeGreaterThan(0);
        if (target.shape && !options.skipRecomputeCheck?.includes(target.name)) expect(stats.decodedRecomputed).toBeGreaterThan(0);
        expect(stats.measured).toBeGreaterThan(0);
        for (const s of stats.scaling) {
          expect(s.ratio, `${s.family}: ${s.small.work} blocks for ${s.small.length} bytes, ${s.large.work} for ${s.large.length}: ${s.large.hex}`).toBeLessThan(MAX_SCALING_RATIO);
        }
      }, TARGET_TIMEOUT_MS);
    }
  });
}
