import { devicePluginContract } from "@batt/core/testing";
import { describe, it } from "vitest";
import { plugin } from "../src/cli/index.js";

describe("the jbd plugin keeps the device-plugin contract", () => {
  for (const c of devicePluginContract(plugin, { options: { timeout: "200", gap: "0", "save-pause": "0" }, settings: true })) it(c.name, c.run);
});

describe("the jbd plugin keeps the contract for a 16-cell Li-ion pack charging", () => {
  for (const c of devicePluginContract(plugin, { options: { "sim-cells": "16", "sim-chemistry": "li-ion", "sim-soc": "95", "sim-current": "20" } })) it(c.name, c.run);
});
