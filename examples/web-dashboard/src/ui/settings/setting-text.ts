import type { SettingField, SettingValue } from "@batt/core";

/** Decimal places of a step (0.001 → 3, 0.1 → 1, 1 → 0): numbers are shown at the register's resolution. */
export function decimalsOf(step: number | undefined): number {
  if (step === undefined || step <= 0 || step >= 1) return 0;
  return Math.min(6, Math.ceil(-Math.log10(step) - 1e-9));
}

/** A number as an input holds it: at the field's resolution, without float noise (3.6500000001 → `3.650` → `3.65`). */
export function numberText(field: SettingField, value: number): string {
  return String(Number(value.toFixed(decimalsOf(field.step))));
}

/** A value for a person, with its unit: `3.65 V`, `on`, `LiFePO4`, `–` when the device has none. */
export function settingText(field: SettingField | undefined, value: SettingValue | undefined): string {
  if (value === undefined) return "–";
  if (typeof value === "boolean") return value ? "on" : "off";
  if (field?.type === "enum") return field.choices?.find((c) => c.value === value)?.label ?? String(value);
  if (typeof value === "number") return field ? `${numberText(field, value)}${field.unit ? ` ${field.unit}` : ""}` : String(value);
  return value === "" ? "(empty)" : value;
}

/** A field's name as a label: its first letter capitalised (`cell overvoltage` → `Cell overvoltage`). */
export function settingName(field: SettingField): string {
  return field.name.charAt(0).toUpperCase() + field.name.slice(1);
}
