import { devicePluginContract } from "@batt/core/testing";
import { describe, it } from "vitest";
import { plugin } from "../src/cli.js";

describe("icharger plugin: the device plugin contract", () => {
  for (const c of devicePluginContract(plugin, { settings: true })) it(c.name, c.run);
});

describe("icharger plugin: the device plugin contract on a single-channel X6", () => {
  for (const c of devicePluginContract(plugin, { options: { model: "x6" }, settings: true })) it(c.name, c.run);
});
