import { Session } from "node:inspector";

/** Counts the work a call does as a deterministic number: JavaScript basic blocks executed (V8 block coverage). */
export interface WorkMeter {
  /** Runs `fn` and returns the blocks it executed. Counting slows code down: measure samples, not every input. */
  measure(fn: () => void): number;
  /** Switches counting on for a batch of measurements (it is off after creation and after {@link WorkMeter.pause}). */
  resume(): void;
  /** Switches counting off, so code runs at full speed between batches. */
  pause(): void;
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
 * Returns `undefined` when the inspector is not available (or is in use for coverage already).
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
  } catch {
    session.disconnect();
    return undefined;
  }
  let counting = false;
  const count = (coverage: CoverageResult): number => {
    let total = 0;
    for (const script of coverage.result) {
      if (script.url.startsWith("node:") || script.url.includes("/node_modules/") || script.url === "") continue;
      for (const fn of script.functions) for (const range of fn.ranges) total += range.count;
    }
    return total;
  };
  return {
    resume() {
      if (!counting) post("Profiler.startPreciseCoverage", { callCount: true, detailed: true });
      counting = true;
    },
    pause() {
      if (counting) post("Profiler.stopPreciseCoverage");
      counting = false;
    },
    measure(fn) {
      if (!counting) throw new Error("WorkMeter.measure outside resume() … pause()");
      post<CoverageResult>("Profiler.takePreciseCoverage"); // resets the counters
      fn();
      return count(post<CoverageResult>("Profiler.takePreciseCoverage"));
    },
    close() {
      try {
        if (counting) post("Profiler.stopPreciseCoverage");
        post("Profiler.disable");
      } finally {
        session.disconnect();
      }
    },
  };
}
