import type { DevicePlugin } from "@batt/core";
import type { GatewayConfig } from "./gateway-config.js";

/**
 * The config of `batt gateway --sim` without a file: one simulator of every device kind that has one,
 * each on its own link, polled every 2 s, writable (simulators may be switched freely).
 */
export function simulatorConfig(plugins: readonly DevicePlugin[], base: Partial<GatewayConfig> = {}): GatewayConfig {
  return {
    ...base,
    links: plugins
      .filter((p) => p.simulate !== undefined)
      .map((p) => ({ type: "sim" as const, name: `sim-${p.id}`, devices: [{ kind: p.id, name: `sim-${p.id}`, title: `${p.title} (simulated)`, poll: 2, writable: true }] })),
  };
}
