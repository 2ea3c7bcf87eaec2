import { BattError } from "@batt/core";
import type { RegisterField } from "@batt/modbus-rtu";
import type { JkIdentifierSpec } from "../identifiers/identifier-spec.js";

const ON = new Set(["on", "true", "1", "yes", "enable", "enabled"]);
const OFF = new Set(["off", "false", "0", "no", "disable", "disabled"]);

/** A switch word from the command line (`on`/`off`, `true`/`false`, `1`/`0`, `yes`/`no`). */
export function parseSwitch(text: string): boolean {
  const word = text.trim().toLowerCase();
  if (ON.has(word)) return true;
  if (OFF.has(word)) return false;
  throw new BattError("invalid-argument", `expected on or off, got "${text}"`);
}

function parseNumber(text: string, what: string): number {
  const value = Number(text.trim());
  if (text.trim() === "" || !Number.isFinite(value)) throw new BattError("invalid-argument", `${what}: "${text}" is not a number`);
  return value;
}

/** A command-line value for a 4E57 identifier, by its kind (range checks follow when it is encoded). */
export function parseIdentifierValue(spec: JkIdentifierSpec, text: string): boolean | number | string {
  switch (spec.kind) {
    case "bool":
      return parseSwitch(text);
    case "ascii":
      return text;
    case "enum":
      return /^\d+$/.test(text.trim()) ? Number(text) : text.trim();
    default:
      return parseNumber(text, spec.key);
  }
}

/** A command-line value for a JK-PB register-map field, by its type. */
export function parseFieldValue(name: string, field: RegisterField, text: string): number | string | readonly string[] {
  switch (field.type) {
    case "string":
      return text;
    case "flags":
      return /^\d+$/.test(text.trim())
        ? Number(text)
        : text
            .split(",")
            .map((s) => s.trim())
            .filter((s) => s !== "");
    case "enum":
      return /^\d+$/.test(text.trim()) ? Number(text) : text.trim();
    default:
      if (field.type === "u32" && field.min === 0 && field.max === 1) {
        const word = text.trim().toLowerCase();
        if (ON.has(word) || OFF.has(word)) return ON.has(word) ? 1 : 0;
      }
      return parseNumber(text, name);
  }
}
