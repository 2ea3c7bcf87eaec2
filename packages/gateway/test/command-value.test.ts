import type { DeviceControl } from "@batt/core";
import { describe, expect, it } from "vitest";
import { parseCommandValue } from "../src/mqtt/command-value.js";

const sw: DeviceControl = { kind: "switch", key: "charge_switch", name: "Charge", set: async () => undefined };
const current: DeviceControl = { kind: "number", key: "charge_current", name: "Current", unit: "A", min: 6, max: 32, step: 1, set: async () => undefined };
const stop: DeviceControl = { kind: "button", key: "stop", name: "Stop", press: async () => undefined };

describe("parseCommandValue", () => {
  it("reads switch payloads in the usual spellings", () => {
    expect(["ON", "on", "true", "1"].map((p) => parseCommandValue(sw, p))).toEqual(Array(4).fill({ kind: "switch", on: true }));
    expect(["OFF", " off ", "false", "0"].map((p) => parseCommandValue(sw, p))).toEqual(Array(4).fill({ kind: "switch", on: false }));
    expect(() => parseCommandValue(sw, "toggle")).toThrow(expect.objectContaining({ code: "invalid-argument" }));
  });

  it("range- and step-checks numbers before anything is sent", () => {
    expect(parseCommandValue(current, "16")).toEqual({ kind: "number", value: 16 });
    for (const bad of ["5", "33", "16.5", "", "abc", "NaN"]) expect(() => parseCommandValue(current, bad), bad).toThrow(expect.objectContaining({ code: "invalid-argument" }));
  });

  it("takes any payload for a button", () => {
    expect(parseCommandValue(stop, "PRESS")).toEqual({ kind: "button" });
  });
});
