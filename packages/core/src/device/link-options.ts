import type { Clock } from "../clock.js";
import type { RetryPolicy } from "../retry-policy.js";

/**
 * How a driver uses its link, the same options for every driver. Each device package documents its
 * own defaults (as `<DEVICE>_LINK_DEFAULTS`), taken from its protocol's pacing rules.
 */
export interface LinkOptions {
  /** Reply deadline per attempt, ms. */
  readonly timeoutMs?: number;
  /** Least time between the end of one transaction and the next request, ms (the device's pacing rule). */
  readonly minGapMs?: number;
  /** When to send a failed request again. */
  readonly retry?: RetryPolicy;
  /** Time source for deadlines, gaps and time stamps (default: the system clock). */
  readonly clock?: Clock;
}

/** A driver's defaults for {@link LinkOptions}: every value present. */
export interface DriverLinkDefaults {
  /** Default reply deadline, ms. */
  readonly timeoutMs: number;
  /** Default least gap between requests, ms. */
  readonly minGapMs: number;
  /** Default retry policy. */
  readonly retry: RetryPolicy;
}

/** Options of one call to a driver. */
export interface CallOptions {
  /** Cancels the call: waiting requests are withdrawn, a request on the wire is abandoned. */
  readonly signal?: AbortSignal;
}
