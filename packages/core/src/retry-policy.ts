import type { BattError } from "./errors.js";

/** When and how often a failed request is sent again. */
export interface RetryPolicy {
  /** Extra attempts after the first (0 = no retry). */
  readonly retries: number;
  /** Whether an error is worth another attempt (default: {@link isTransientError}). */
  readonly retryOn?: (error: BattError, attempt: number) => boolean;
  /** Wait before each retry, in ms, on top of the engine's gap (default 0). */
  readonly backoffMs?: number;
}

/**
 * Errors that a repeated request can cure: no reply, a garbled reply, a reply that was not ours.
 * Device exceptions, bad arguments, aborts and disconnects are final.
 */
export function isTransientError(error: BattError): boolean {
  return error.code === "timeout" || error.code === "checksum" || error.code === "frame" || error.code === "unexpected-reply";
}

/** The default policy: no retries. Drivers choose their own (a sleeping BMS wants one wake-up retry). */
export const NO_RETRY: RetryPolicy = { retries: 0 };
