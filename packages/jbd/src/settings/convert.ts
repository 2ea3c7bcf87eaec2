import { BattError } from "@batt/core";
import { decodeJbdDate, encodeJbdDate } from "../date.js";
import { textToBytes } from "../text.js";
import { celsiusToKelvinTenths, kelvinTenthsToCelsius, round } from "../units.js";
import type { SettingDef, SettingValue } from "./types.js";

/** What a register holds: a 16-bit word, or text for the string registers. */
export type RegisterValue = number | string;

function fieldMask(def: SettingDef): number {
  const width = def.width ?? 16;
  return width >= 16 ? 0xffff : (1 << width) - 1;
}

/** Decimal places of a scale (0.01 → 2). */
function decimals(scale: number): number {
  return scale >= 1 ? 0 : Math.round(-Math.log10(scale));
}

function fail(def: SettingDef, message: string): BattError {
  return new BattError("invalid-argument", `${def.name}: ${message}`, { context: { setting: def.name } });
}

/** The raw field of `def` inside a register word. */
export function extractField(def: SettingDef, register: number): number {
  return (register >>> (def.shift ?? 0)) & fieldMask(def);
}

/** `register` with the field of `def` replaced by `field`. */
export function insertField(def: SettingDef, register: number, field: number): number {
  const shift = def.shift ?? 0;
  const mask = fieldMask(def) << shift;
  return ((register & ~mask) | ((field << shift) & mask)) & 0xffff;
}

/** Decodes a setting from its register (an unknown enum index decodes to `raw:N`). */
export function decodeSetting(def: SettingDef, register: RegisterValue): SettingValue {
  if (def.kind === "string") return typeof register === "string" ? register : String(register);
  if (typeof register !== "number") throw fail(def, `expected a register word, got text`);
  const raw = extractField(def, register);
  switch (def.kind) {
    case "number": {
      const width = def.width ?? 16;
      const signed = def.signed && raw >= 1 << (width - 1) ? raw - (1 << width) : raw;
      const scale = def.scale ?? 1;
      return round(signed * scale, decimals(scale));
    }
    case "temperature":
      return kelvinTenthsToCelsius(raw);
    case "enum":
      return def.values?.[raw] ?? `raw:${raw}`;
    case "boolean":
      return raw === 1;
    case "flags":
      return raw;
    case "date":
      return decodeJbdDate(raw);
  }
}

function checkRange(def: SettingDef, value: number): void {
  const epsilon = 1e-9;
  if (def.min !== undefined && value < def.min - epsilon) throw fail(def, `${value} is below the minimum ${def.min}${def.unit ? " " + def.unit : ""}`);
  if (def.max !== undefined && value > def.max + epsilon) throw fail(def, `${value} is above the maximum ${def.max}${def.unit ? " " + def.unit : ""}`);
}

function expectNumber(def: SettingDef, value: SettingValue): number {
  if (typeof value !== "number" || !Number.isFinite(value)) throw fail(def, `expected a number, got ${JSON.stringify(value)}`);
  return value;
}

/**
 * Validates `value` against the setting's type and range and returns its raw field (text for
 * string registers). Numbers are rounded to the nearest raw step (3.6504 V → 3650 mV).
 *
 * @throws BattError `invalid-argument` naming the setting; nothing is sent.
 */
export function encodeSetting(def: SettingDef, value: SettingValue): RegisterValue {
  const mask = fieldMask(def);
  switch (def.kind) {
    case "string": {
      if (typeof value !== "string") throw fail(def, `expected text, got ${JSON.stringify(value)}`);
      try {
        textToBytes(value);
      } catch (error) {
        throw fail(def, (error as Error).message);
      }
      return value;
    }
    case "number": {
      const v = expectNumber(def, value);
      checkRange(def, v);
      const raw = Math.round(v / (def.scale ?? 1));
      const width = def.width ?? 16;
      const lo = def.signed ? -(1 << (width - 1)) : 0;
      const hi = def.signed ? (1 << (width - 1)) - 1 : mask;
      if (raw < lo || raw > hi) throw fail(def, `${v} does not fit the register`);
      return raw & mask;
    }
    case "temperature": {
      const v = expectNumber(def, value);
      checkRange(def, v);
      return celsiusToKelvinTenths(v);
    }
    case "enum": {
      const match = typeof value === "string" ? /^raw:(\d+)$/.exec(value) : null;
      const index = match ? Number(match[1]) : typeof value === "number" ? (def.values ?? []).indexOf(value) : -1;
      if (index < 0 || index > mask) throw fail(def, `${JSON.stringify(value)} is not one of ${(def.values ?? []).join(", ")}${def.unit ? " " + def.unit : ""}`);
      return index;
    }
    case "boolean":
      if (typeof value !== "boolean") throw fail(def, `expected true or false, got ${JSON.stringify(value)}`);
      return value ? 1 : 0;
    case "flags": {
      const v = expectNumber(def, value);
      if (!Number.isInteger(v)) throw fail(def, `expected an integer bit set, got ${v}`);
      checkRange(def, v);
      if (v > mask) throw fail(def, `${v} does not fit the register`);
      return v;
    }
    case "date":
      if (typeof value !== "string") throw fail(def, `expected YYYY-MM-DD, got ${JSON.stringify(value)}`);
      try {
        return encodeJbdDate(value);
      } catch (error) {
        throw fail(def, (error as Error).message);
      }
  }
}

/**
 * Parses command-line text into a value for `def`: numbers (`3.65`, `-230`), `0x…` or flag
 * names joined by `,` or `|` for bit sets, `true/false/on/off/1/0` for booleans, text as is.
 *
 * @throws BattError `invalid-argument` when the text does not parse.
 */
export function parseSettingValue(def: SettingDef, text: string): SettingValue {
  const t = text.trim();
  switch (def.kind) {
    case "string":
    case "date":
      return def.kind === "date" ? t : text;
    case "boolean": {
      const lower = t.toLowerCase();
      if (["true", "on", "1", "yes"].includes(lower)) return true;
      if (["false", "off", "0", "no"].includes(lower)) return false;
      throw fail(def, `expected true or false, got "${text}"`);
    }
    case "flags": {
      if (/^(0x[0-9a-f]+|\d+)$/i.test(t)) return Number(t);
      let raw = 0;
      for (const part of t.split(/[,|]/).map((s) => s.trim()).filter((s) => s !== "")) {
        const bit = (def.flagNames ?? []).indexOf(def.flagAliases?.[part] ?? part);
        if (bit < 0) throw fail(def, `unknown flag "${part}" (known: ${(def.flagNames ?? []).join(", ")})`);
        raw |= 1 << bit;
      }
      return raw;
    }
    case "enum":
    case "number":
    case "temperature": {
      if (def.kind === "enum" && /^raw:\d+$/.test(t)) return t;
      const n = Number(t);
      if (t === "" || !Number.isFinite(n)) throw fail(def, `expected a number, got "${text}"`);
      return n;
    }
  }
}

/** A value with its unit, for people (`3.65 V`, `45 °C`, `0x0006 (balanceEnable, ledCount)`). */
export function formatSettingValue(def: SettingDef, value: SettingValue): string {
  if (def.kind === "flags" && typeof value === "number") {
    const names = (def.flagNames ?? []).filter((_, bit) => ((value >>> bit) & 1) === 1);
    return `0x${value.toString(16).padStart(4, "0")}${names.length ? ` (${names.join(", ")})` : ""}`;
  }
  if (typeof value === "number" && def.unit) return `${value} ${def.unit}`;
  return String(value);
}
