import { describe, expect, it } from "vitest";
import { checkSettingValue, checkSettingValues, diffSettingValues, isBattError, type SettingField } from "../src/index.js";

const FIELDS: readonly SettingField[] = [
  { key: "covp", name: "cell overvoltage", type: "number", unit: "V", min: 1, max: 5, step: 0.001 },
  { key: "balance", name: "balancer", type: "boolean" },
  { key: "chemistry", name: "chemistry", type: "enum", choices: [{ value: 0, label: "LiFePO4" }, { value: 1, label: "Li-ion" }] },
  { key: "made", name: "manufacture date", type: "date" },
  { key: "name", name: "name", type: "text", maxLength: 4 },
  { key: "cycles", name: "cycle count", type: "number", readOnly: true },
];
const field = (key: string): SettingField => FIELDS.find((f) => f.key === key)!;

function refusal(work: () => void): string {
  try {
    work();
  } catch (error) {
    expect(isBattError(error, "invalid-argument")).toBe(true);
    return (error as Error).message;
  }
  throw new Error("accepted");
}

describe("setting checks", () => {
  it("accepts values in range, on the step, of the right type", () => {
    expect(() => checkSettingValues(FIELDS, { covp: 3.65, balance: false, chemistry: 1, made: "2024-02-29", name: "pack" })).not.toThrow();
    // 0.1 + 0.2 style rounding is on the step.
    expect(() => checkSettingValue(field("covp"), 3.6 + 0.05)).not.toThrow();
  });

  it("refuses with a message naming the field", () => {
    expect(refusal(() => checkSettingValue(field("covp"), 5.5))).toBe("covp: 5.5 V is above the greatest value, 5 V");
    expect(refusal(() => checkSettingValue(field("covp"), 0.5))).toBe("covp: 0.5 V is below the least value, 1 V");
    expect(refusal(() => checkSettingValue(field("covp"), 3.6505))).toBe("covp: 3.6505 V is not a multiple of 0.001 V");
    expect(refusal(() => checkSettingValue(field("covp"), Number.NaN))).toBe("covp: needs a number");
    expect(refusal(() => checkSettingValue(field("balance"), "on"))).toBe("balance: needs on or off");
    expect(refusal(() => checkSettingValue(field("chemistry"), 2))).toBe("chemistry: 2 is not one of LiFePO4, Li-ion");
    expect(refusal(() => checkSettingValue(field("made"), "2024-13-01"))).toBe("made: needs a date, YYYY-MM-DD");
    expect(refusal(() => checkSettingValue(field("name"), "too long"))).toBe("name: is longer than 4 characters");
    expect(refusal(() => checkSettingValue(field("cycles"), 3))).toBe("cycles: is read-only");
    expect(refusal(() => checkSettingValues(FIELDS, { nope: 1 }))).toBe('unknown setting "nope"');
  });

  it("diffs only what a write would change, in the fields' order", () => {
    const current = { covp: 3.65, balance: true, chemistry: 0, cycles: 12 };
    expect(diffSettingValues(FIELDS, current, { chemistry: 1, covp: 3.6500001, balance: false, cycles: 0, name: "x" })).toEqual([
      { key: "balance", from: true, to: false },
      { key: "chemistry", from: 0, to: 1 },
      { key: "name", to: "x" },
    ]);
    expect(diffSettingValues(FIELDS, current, { covp: 3.6 })).toEqual([{ key: "covp", from: 3.65, to: 3.6 }]);
    expect(diffSettingValues(FIELDS, current, { extra: 1 })).toEqual([{ key: "extra", to: 1 }]);
  });
});
