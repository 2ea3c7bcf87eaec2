import type { DevicePlugin } from "@batt/core";
import type { GatewayConfig } from "./gateway-config.js";

/** Gap between requests to a simulator, ms: a simulator needs none of the rest real devices need. */
const SIMULATOR_GAP_MS = 20;

/**
 * The config of `batt gateway --sim` without a file: one simulator of every device kind that has one,
 * each on its own link, polled every 2 s, writable (simulators may be switched freely), with a short
 * gap between requests where the plugin has the option.
 */
export function simulatorConfig(plugins: readonly DevicePlugin[], base: Partial<GatewayConfig> = {}): GatewayConfig {
  return {
    ...base,
    links: plugins
      .filter((p) => p.simulate !== undefined)
      .map((p) => ({ type: "sim" as const, name: `sim-${p.id}`, devices: [{ kind: p.id, name: `sim-${p.id}`, title: `${p.title} (simulated)`, poll: 2, writable: true, ...(p.options?.some((o) => o.name === "gap") ? { options: { gap: SIMULATOR_GAP_MS } } : {}) }] })),
  };
}
