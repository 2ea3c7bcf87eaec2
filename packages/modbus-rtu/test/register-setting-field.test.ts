import { checkSettingValue } from "@batt/core";
import { describe, expect, it } from "vitest";
import { registerSettingField, type RegisterField } from "../src/index.js";

describe("register-map fields as setting fields", () => {
  it("gives a scaled word its unit, range and the register's step", () => {
    const field: RegisterField = { address: 0x1000, type: "u16", scale: 0.001, unit: "V", min: 1.2, max: 4.5, description: "cell overvoltage" };
    const setting = registerSettingField("covp", field, { group: "Cell protection" });
    expect(setting).toEqual({ key: "covp", name: "cell overvoltage", group: "Cell protection", type: "number", unit: "V", min: 1.2, max: 4.5, step: 0.001 });
    expect(() => checkSettingValue(setting!, 3.6505)).toThrow(/not a multiple of 0.001 V/);
  });

  it("steps an unscaled word by one and names it by its key when the map does not describe it", () => {
    expect(registerSettingField("count", { address: 1, type: "s32", wordOrder: "low-first" })).toEqual({ key: "count", name: "count", type: "number", step: 1 });
  });

  it("offers an enum's names as the choices, and lets the device name and lock the field", () => {
    const field: RegisterField = { address: 2, type: "enum", values: { 0: "fast", 1: "eco", 2: "green" }, description: "mode" };
    expect(registerSettingField("mode", field, { name: "charging mode", readOnly: true })).toEqual({
      key: "mode",
      name: "charging mode",
      readOnly: true,
      type: "enum",
      choices: [
        { value: "fast", label: "fast" },
        { value: "eco", label: "eco" },
        { value: "green", label: "green" },
      ],
    });
  });

  it("has no single field for flags or text", () => {
    expect(registerSettingField("f", { address: 3, type: "flags", bits: { 0: "heating" } })).toBeUndefined();
    expect(registerSettingField("s", { address: 4, type: "string", length: 4 })).toBeUndefined();
  });
});
