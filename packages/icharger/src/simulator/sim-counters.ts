/** Running totals of a simulator front. */
export interface SimulatorCounters {
  /** Requests received. */
  requests: number;
  /** Replies sent (normal and exception). */
  replies: number;
  /** Exception replies among them. */
  exceptions: number;
  /** Replies withheld or damaged by an injected fault. */
  faulted: number;
  /** LogView reports sent. */
  logReports: number;
  /** Reports or bytes that were not a request for this charger. */
  ignored: number;
}

/** Zeroed counters. */
export function emptySimulatorCounters(): SimulatorCounters {
  return { requests: 0, replies: 0, exceptions: 0, faulted: 0, logReports: 0, ignored: 0 };
}
