/** Running totals of a simulator front. */
export interface SimulatorCounters {
  /** Requests received. */
  requests: number;
  /** Replies that went out (normal and exception; not those an injected `silence` withheld). */
  replies: number;
  /** Exception replies among the answers. */
  exceptions: number;
  /** Replies an injected fault acted on (withheld, damaged, cut, split, delayed, or with a report before them). */
  faulted: number;
  /** LogView reports sent (while logging, and by `interleave-log`). */
  logReports: number;
  /** Reports or bytes that were not a request for this charger. */
  ignored: number;
}

/** Zeroed counters. */
export function emptySimulatorCounters(): SimulatorCounters {
  return { requests: 0, replies: 0, exceptions: 0, faulted: 0, logReports: 0, ignored: 0 };
}
