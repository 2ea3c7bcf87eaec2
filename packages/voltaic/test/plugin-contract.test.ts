import { devicePluginContract } from "@batt/core/testing";
import { describe, it } from "vitest";
import { plugin } from "../src/cli.js";

describe("the voltaic plugin keeps the device plugin contract", () => {
  for (const c of devicePluginContract(plugin, { options: { timeout: "200", gap: "0" }, settings: true })) it(c.name, c.run);
});
