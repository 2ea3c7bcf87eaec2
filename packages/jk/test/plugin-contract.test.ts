import { devicePluginContract } from "@batt/core/testing";
import { describe, it } from "vitest";
import { plugin } from "../src/cli/index.js";

describe("the jk plugin keeps the device plugin contract (4E57)", () => {
  for (const c of devicePluginContract(plugin)) it(c.name, c.run);
});

describe("the jk plugin keeps the device plugin contract (one JK-PB pack)", () => {
  for (const c of devicePluginContract(plugin, { options: { protocol: "pb", address: "3" }, settings: true })) it(c.name, c.run);
});

describe("the jk plugin keeps the device plugin contract (a JK-PB bus of two packs: one reading, a battery each)", () => {
  for (const c of devicePluginContract(plugin, { options: { protocol: "pb", address: "1,2" }, minBatteries: 2 })) it(c.name, c.run);
});

describe("the jk plugin keeps the device plugin contract (JK-PB trigger path, two packs)", () => {
  for (const c of devicePluginContract(plugin, { options: { protocol: "pb-trigger", address: "1,2" }, minBatteries: 2 })) it(c.name, c.run);
});

describe("the jk plugin keeps the device plugin contract (listen-only: master 0 polling packs 1 and 2, a battery each)", () => {
  for (const c of devicePluginContract(plugin, { options: { protocol: "pb-listen" }, minBatteries: 3 })) it(c.name, c.run, 20_000);
});

describe("the jk plugin keeps the device plugin contract (55 AA EB 90, as JK Bluetooth modules speak it)", () => {
  for (const c of devicePluginContract(plugin, { options: { protocol: "eb90" } })) it(c.name, c.run);
});
