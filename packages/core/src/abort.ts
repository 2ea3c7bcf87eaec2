import { BattError } from "./errors.js";
import type { Clock } from "./clock.js";

/** The `aborted` error for a signal, keeping its reason as the cause. */
export function abortError(signal: AbortSignal): BattError {
  const reason: unknown = signal.reason;
  if (reason instanceof BattError) return reason;
  return new BattError("aborted", "operation aborted", { cause: reason });
}

/**
 * Resolves once `ms` milliseconds have passed on `clock`, or rejects with `aborted` when `signal`
 * fires first. This is a deadline wait for pacing rules, never a stand-in for "the reply is probably there".
 */
export function waitFor(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(abortError(signal));
  if (ms <= 0) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    const onAbort = (): void => {
      clock.clearTimer(timer);
      reject(abortError(signal!));
    };
    const timer = clock.setTimer(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
