import type { MeasurementValue } from "@batt/core";

/** One CSV field: numbers and booleans as they are, text quoted when it must be, `null` empty. */
export function csvField(value: MeasurementValue | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value !== "string") return String(value);
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One CSV line of fields. */
export function csvLine(fields: readonly string[]): string {
  return `${fields.join(",")}\n`;
}
