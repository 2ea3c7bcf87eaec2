import { Session } from "node:inspector";

/** Counts the work a call does as a deterministic number: JavaScript basic blocks executed (V8 block coverage). */
export interface WorkMeter {
  /** Runs `fn` and returns the blocks it executed. */
  measure(fn: () => void): number;
  /** Stops counting and disconnects. */
  close(): void;
}

interface CoverageRange {
  readonly count: number;
}
interface CoverageResult {
  readonly result: readonly { readonly url: string; readonly functions: readonly { readonly ranges: readonly CoverageRange[] }[] }[];
}

/**
 * A work meter over V8's precise block coverage (node:inspector): the sum of the execution counts of
 * every block of every script outside Node's internals and node_modules, between two snapshots.
 * Wall-clock free, so the same input always gives the same count; native calls (`indexOf`, `slice`)
 * count as one block each, so it is a lower bound of the bytes touched.
 *
 * Returns `undefined` when the inspector is not available. Taking a snapshot resets V8's counters, so
 * it does not mix with `vitest --coverage` (v8 provider) in the same process.
 */
export function createWorkMeter(): WorkMeter | undefined {
  const session = new Session();
  try {
    session.connect();
  } catch {
    return undefined;
  }
  // The inspector session answers synchronously in the same thread.
  const post = <T>(method: string, params?: object): T => {
    let out: { error: Error | null; value: unknown } | undefined;
    session.post(method, params ?? {}, (error, value) => {
      out = { error, value };
    });
    if (!out) throw new Error(`inspector ${method} did not answer synchronously`);
    if (out.error) throw out.error;
    return out.value as T;
  };
  try {
    post("Profiler.enable");
    // Block counts exist only for functions compiled after this call, so create the meter before the code it measures first runs.
    post("Profiler.startPreciseCoverage", { callCount: true, detailed: true });
  } catch {
    session.disconnect();
    return undefined;
  }
  const count = (coverage: CoverageResult): number => {
    let total = 0;
    for (const script of coverage.result) {
      if (script.url.startsWith("node:") || script.url.includes("/node_modules/") || script.url === "") continue;
      for (const fn of script.functions) for (const range of fn.ranges) total += range.count;
    }
    return total;
  };
  return {
    measure(fn) {
      post<CoverageResult>("Profiler.takePreciseCoverage"); // resets the counters
      fn();
      return count(post<CoverageResult>("Profiler.takePreciseCoverage"));
    },
    close() {
      try {
        post("Profiler.stopPreciseCoverage");
        post("Profiler.disable");
      } finally {
        session.disconnect();
      }
    },
  };
}
