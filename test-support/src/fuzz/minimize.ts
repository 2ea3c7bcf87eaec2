import type { FuzzFailure } from "./runner.js";
import { judge } from "./runner.js";
import type { FuzzTarget } from "./target.js";

function run<T>(target: FuzzTarget<T>, input: Uint8Array): Parameters<typeof judge>[2] {
  try {
    return { ok: true, value: target.decode(input) };
  } catch (error) {
    return { ok: false, error };
  }
}

/**
 * A shorter input that fails the same way (same failure kind), by removing runs of bytes while the
 * failure persists (greedy delta debugging). For writing regression tests from fuzzer findings.
 */
export function minimizeFailure<T>(target: FuzzTarget<T>, failure: Pick<FuzzFailure, "kind" | "input">): Uint8Array {
  const fails = (input: Uint8Array): boolean => judge(target, input, run(target, input))?.kind === failure.kind;
  let best = failure.input.slice();
  for (let chunk = best.length >> 1; chunk >= 1; chunk >>= 1) {
    for (let at = 0; at + chunk <= best.length; ) {
      const candidate = new Uint8Array(best.length - chunk);
      candidate.set(best.subarray(0, at));
      candidate.set(best.subarray(at + chunk), at);
      if (fails(candidate)) best = candidate;
      else at += chunk;
    }
  }
  return best;
}
