import { expect } from "vitest";
import { GatewayConfigError } from "../src/config/config-error.js";
import { parseGatewayConfig, type ConfigCheckContext } from "../src/config/load-config.js";
import { ALL_PLUGINS } from "./all-plugins.js";

/** What the config checks know of the workspace's plugins: which can simulate, which options each takes. */
export const PLUGIN_CONTEXT: ConfigCheckContext = {
  plugins: new Map(ALL_PLUGINS.map((p) => [p.id, { simulate: p.simulate !== undefined, options: (p.options ?? []).map((o) => o.name) }])),
};

/** The error a config text (as `g.yaml`, checked against {@link PLUGIN_CONTEXT}) is refused with; throws when it is accepted. */
export function refusal(text: string): GatewayConfigError {
  try {
    parseGatewayConfig(text, "g.yaml", PLUGIN_CONTEXT);
  } catch (error) {
    if (!(error instanceof GatewayConfigError)) throw error;
    expect(error.code).toBe("invalid-argument");
    return error;
  }
  throw new Error("the config was accepted");
}
