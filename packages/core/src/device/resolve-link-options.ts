import { systemClock, type Clock } from "../clock.js";
import type { RequestEngineOptions } from "../request-engine.js";
import type { RetryPolicy } from "../retry-policy.js";
import type { DriverLinkDefaults, LinkOptions } from "./link-options.js";

/** {@link LinkOptions} with every value settled, as a driver hands them to its request engine or Modbus client. */
export interface ResolvedLinkOptions {
  /** Reply deadline per attempt, ms. */
  readonly timeoutMs: number;
  /** Least gap between requests, ms. */
  readonly minGapMs: number;
  /** Retry policy. */
  readonly retry: RetryPolicy;
  /** Time source. */
  readonly clock: Clock;
  /** Quiet-period drain after a timeout, when the caller set one. */
  readonly drain?: RequestEngineOptions<unknown>["drain"];
}

/**
 * The caller's link options over the driver's defaults (`clock` defaults to the system clock), so
 * every driver settles them the same way.
 *
 * @example new RequestEngine(transport, { parser, ...resolveLinkOptions(options, JBD_LINK_DEFAULTS) })
 */
export function resolveLinkOptions(options: LinkOptions & Pick<RequestEngineOptions<unknown>, "drain">, defaults: DriverLinkDefaults): ResolvedLinkOptions {
  return {
    timeoutMs: options.timeoutMs ?? defaults.timeoutMs,
    minGapMs: options.minGapMs ?? defaults.minGapMs,
    retry: options.retry ?? defaults.retry,
    clock: options.clock ?? systemClock,
    ...(options.drain ? { drain: options.drain } : {}),
  };
}
