import { BattError, type Clock } from "@batt/core";
import type { LogViewReport, LogViewSample } from "../hid/logview.js";
import type { ICharger } from "../icharger.js";

/** Log states that end a run (docs/protocols/icharger.md#logview-reports): done, error. */
const END_STATES = new Set([6, 7]);

/** Options of {@link recordRun}. */
export interface RecordOptions {
  /** Channel to keep, as the report counts it (1 = first); default: every channel. */
  readonly channel?: number;
  /** Stop after this long, ms (default: until the run ends or `signal` fires). */
  readonly maxDurationMs?: number;
  /** Ends the recording (what was recorded is kept). */
  readonly signal?: AbortSignal;
  /** Each kept sample as it arrives. */
  readonly onSample?: (sample: LogViewSample) => void;
}

/** Why a recording ended. */
export type RecordEnd = "done" | "error" | "duration" | "aborted";

/** A recorded run. */
export interface RecordedRun {
  /** The samples, in order. */
  readonly samples: LogViewSample[];
  /** Why it ended. */
  readonly end: RecordEnd;
}

/**
 * Records a run from the LogView stream, timed by `clock` (USB; electric #125): turns logging on, keeps the samples
 * (of one channel, if given) until a sample shows the run done or in error, the duration passes,
 * or `signal` fires, and always turns logging off again.
 *
 * @throws BattError `unsupported` on a serial link (the stream is USB only), link errors from the log orders.
 */
export async function recordRun(charger: ICharger, clock: Clock, options: RecordOptions = {}): Promise<RecordedRun> {
  if (charger.access.kind !== "hid") throw new BattError("unsupported", "the LogView stream comes over USB only");
  const samples: LogViewSample[] = [];
  let finish: (end: RecordEnd) => void = () => undefined;
  const ended = new Promise<RecordEnd>((resolve) => (finish = resolve));
  const unsubscribe = charger.onLog((report: LogViewReport) => {
    if (report.kind !== "sample" || (options.channel !== undefined && report.channel !== options.channel)) return;
    samples.push(report);
    options.onSample?.(report);
    if (END_STATES.has(report.state.value)) finish(report.state.value === 6 ? "done" : "error");
  });
  const onAbort = (): void => finish("aborted");
  options.signal?.addEventListener("abort", onAbort, { once: true });
  const timer = options.maxDurationMs !== undefined ? clock.setTimer(() => finish("duration"), options.maxDurationMs) : undefined;
  try {
    if (options.signal?.aborted) return { samples, end: "aborted" };
    try {
      await charger.setLogging(true, options.signal);
    } catch (error) {
      if (options.signal?.aborted) return { samples, end: "aborted" };
      throw error;
    }
    return { samples, end: await ended };
  } finally {
    unsubscribe();
    options.signal?.removeEventListener("abort", onAbort);
    if (timer !== undefined) clock.clearTimer(timer);
    await charger.setLogging(false).catch(() => undefined);
  }
}
