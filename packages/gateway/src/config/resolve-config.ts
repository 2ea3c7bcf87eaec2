import type { DeviceConfig, GatewayConfig, LinkConfig } from "./gateway-config.js";

/** A device's timing, in ms, with every default applied. */
export interface DevicePolling {
  /** Time between readings, ms. */
  readonly pollMs: number;
  /** Time one reading may take, ms. */
  readonly deadlineMs: number;
  /** Failed readings in a row before the device is offline. */
  readonly offlineAfter: number;
  /** Longest retry wait, ms. */
  readonly maxBackoffMs: number;
}

/** Defaults of {@link DevicePolling}, seconds as in the config file. */
export const POLLING_DEFAULTS = { poll: 5, deadline: 10, offlineAfter: 3, maxBackoff: 60 } as const;

/**
 * Seconds without a grid value after which surplus charging fails safe, unless `surplus.staleAfter`
 * says otherwise: a meter that publishes every few seconds has missed a dozen updates by then.
 */
export const SURPLUS_STALE_AFTER_S = 60;

/** A device's timing from its config, the config's defaults and {@link POLLING_DEFAULTS}. */
export function devicePolling(device: DeviceConfig, config: GatewayConfig): DevicePolling {
  const d = config.defaults ?? {};
  const poll = device.poll ?? d.poll ?? POLLING_DEFAULTS.poll;
  const deadline = device.deadline ?? d.deadline ?? Math.max(POLLING_DEFAULTS.deadline, poll);
  return {
    pollMs: Math.round(poll * 1000),
    deadlineMs: Math.round(deadline * 1000),
    offlineAfter: device.offlineAfter ?? d.offlineAfter ?? POLLING_DEFAULTS.offlineAfter,
    maxBackoffMs: Math.round(Math.max(device.maxBackoff ?? d.maxBackoff ?? POLLING_DEFAULTS.maxBackoff, poll) * 1000),
  };
}

/** A link's name: its own, else `<type><index>`. */
export function linkName(link: LinkConfig, index: number): string {
  return link.name ?? `${link.type}${index}`;
}

/** The gateway id (default `batt`). */
export function gatewayId(config: GatewayConfig): string {
  return config.gateway?.id ?? "batt";
}
