import { BattError } from "@batt/core";
import type { EnumValue, FlagsValue, RegisterField, WordOrder } from "./register-field.js";
import { applyScale, removeScale } from "./scale.js";

/** Number of registers a field spans. */
export function fieldSize(field: RegisterField): number {
  switch (field.type) {
    case "u16":
    case "s16":
    case "enum":
      return 1;
    case "u32":
    case "s32":
      return 2;
    case "flags":
      return field.words ?? 1;
    case "string":
      return field.length;
  }
}

/** Decodes a field from exactly {@link fieldSize} registers. */
export function decodeFieldValue(field: RegisterField, words: readonly number[]): number | string | EnumValue | FlagsValue {
  const w0 = words[0] ?? 0;
  switch (field.type) {
    case "u16":
      return applyScale(w0, field.scale);
    case "s16":
      return applyScale(w0 >= 0x8000 ? w0 - 0x10000 : w0, field.scale);
    case "u32":
      return applyScale(join32(words, field.wordOrder) >>> 0, field.scale);
    case "s32":
      return applyScale(join32(words, field.wordOrder) | 0, field.scale);
    case "enum":
      return { value: w0, name: field.values[w0] };
    case "flags": {
      const value = field.words === 2 ? join32(words, field.wordOrder) >>> 0 : w0;
      const bits: number[] = [];
      for (let bit = 0; bit < 32; bit++) if (Math.floor(value / 2 ** bit) % 2 === 1) bits.push(bit);
      const names = bits.map((bit) => field.bits[bit]).filter((name): name is string => name !== undefined);
      return { value, bits, names };
    }
    case "string": {
      let text = "";
      for (const word of words) {
        const [first, second] = field.byteOrder === "low-first" ? [word & 0xff, word >> 8] : [word >> 8, word & 0xff];
        if (first === 0) break;
        text += String.fromCharCode(first);
        if (second === 0) break;
        text += String.fromCharCode(second);
      }
      return text;
    }
  }
}

/**
 * Encodes a value of a field into its registers, checking it first.
 *
 * @throws BattError `invalid-argument` for a value outside the field's `min`/`max` or its raw range,
 *   an unknown enum name or value, an unknown flag name, or text that is too long or not 8-bit.
 */
export function encodeFieldValue(name: string, field: RegisterField, value: unknown): number[] {
  const fail = (why: string): never => {
    throw new BattError("invalid-argument", `${name}: ${why}`);
  };
  switch (field.type) {
    case "u16":
    case "s16":
    case "u32":
    case "s32": {
      if (typeof value !== "number" || !Number.isFinite(value)) return fail(`${String(value)} is not a finite number`);
      if (field.min !== undefined && value < field.min) fail(`${value} is below the minimum ${field.min}`);
      if (field.max !== undefined && value > field.max) fail(`${value} is above the maximum ${field.max}`);
      const raw = removeScale(value, field.scale);
      const [lo, hi] = RAW_RANGE[field.type];
      if (raw < lo || raw > hi) fail(`${value} (raw ${raw}) does not fit ${field.type}`);
      return field.type === "u32" || field.type === "s32" ? split32(raw >>> 0, field.wordOrder) : [raw & 0xffff];
    }
    case "enum": {
      const raw =
        typeof value === "string"
          ? Number(Object.keys(field.values).find((key) => field.values[Number(key)] === value) ?? NaN)
          : typeof value === "number" && field.values[value] !== undefined
            ? value
            : NaN;
      if (!Number.isInteger(raw) || raw < 0 || raw > 0xffff) fail(`${String(value)} is not one of ${Object.values(field.values).join(", ")}`);
      return [raw];
    }
    case "flags": {
      const max = field.words === 2 ? 0xffff_ffff : 0xffff;
      let raw = 0;
      if (typeof value === "number") {
        if (!Number.isInteger(value) || value < 0 || value > max) fail(`${value} is outside 0..${max}`);
        raw = value;
      } else if (Array.isArray(value)) {
        for (const flag of value as unknown[]) {
          const bit = Object.keys(field.bits).find((key) => field.bits[Number(key)] === flag);
          if (bit === undefined) return fail(`unknown flag ${String(flag)}`);
          const mask = 2 ** Number(bit);
          if (mask > max) fail(`flag ${String(flag)} is outside the field`);
          if (Math.floor(raw / mask) % 2 === 0) raw += mask;
        }
      } else {
        fail("flags must be a number or a list of flag names");
      }
      return field.words === 2 ? split32(raw, field.wordOrder) : [raw];
    }
    case "string": {
      if (typeof value !== "string") return fail("text expected");
      if (value.length > 2 * field.length) fail(`"${value}" is longer than ${2 * field.length} characters`);
      const words = new Array<number>(field.length).fill(0);
      for (let i = 0; i < value.length; i++) {
        const code = value.charCodeAt(i);
        if (code === 0 || code > 0xff) fail(`character ${JSON.stringify(value[i])} cannot be stored in one byte`);
        const high = (i % 2 === 0) === (field.byteOrder !== "low-first");
        words[i >> 1] = words[i >> 1]! | (high ? code << 8 : code);
      }
      return words;
    }
  }
}

const RAW_RANGE: Readonly<Record<"u16" | "s16" | "u32" | "s32", readonly [number, number]>> = {
  u16: [0, 0xffff],
  s16: [-0x8000, 0x7fff],
  u32: [0, 0xffff_ffff],
  s32: [-0x8000_0000, 0x7fff_ffff],
};

function join32(words: readonly number[], order: WordOrder): number {
  const [high, low] = order === "high-first" ? [words[0] ?? 0, words[1] ?? 0] : [words[1] ?? 0, words[0] ?? 0];
  return (high << 16) | low;
}

function split32(raw: number, order: WordOrder): number[] {
  const high = Math.floor(raw / 0x10000) & 0xffff;
  const low = raw & 0xffff;
  return order === "high-first" ? [high, low] : [low, high];
}
