import type { SettingField } from "@batt/core";
import type { RegisterField } from "./register-field.js";

/** What a device says of one setting beyond its register: the heading, a read-only mark, a name for a person. */
export type SettingFieldOverrides = Partial<Pick<SettingField, "name" | "group" | "readOnly">>;

/**
 * One register-map field as a settings-editor field (`SettingField` of @batt/core), keyed by `key`:
 * a number with the register's unit, range and step (its scale: a register in hundredths steps by
 * 0.01), or a choice among an enum's names. Named by its description unless `overrides` name it.
 * Flags and strings have no single editor field (a device splits a flags word into on/offs itself),
 * so they give `undefined`.
 */
export function registerSettingField(key: string, field: RegisterField, overrides: SettingFieldOverrides = {}): SettingField | undefined {
  const described = { key, name: field.description ?? key, ...overrides };
  switch (field.type) {
    case "enum":
      return { ...described, type: "enum", choices: Object.values(field.values).map((v) => ({ value: v, label: v })) };
    case "flags":
    case "string":
      return undefined;
    default:
      return {
        ...described,
        type: "number",
        ...(field.unit ? { unit: field.unit } : {}),
        ...(field.min !== undefined ? { min: field.min } : {}),
        ...(field.max !== undefined ? { max: field.max } : {}),
        step: field.scale ?? 1,
      };
  }
}
