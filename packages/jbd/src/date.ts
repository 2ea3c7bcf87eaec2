import { BattError } from "@batt/core";

/**
 * Decodes a JBD date word: year = 2000 + (v >> 9), month = (v >> 5) & 0x0F, day = v & 0x1F,
 * as `YYYY-MM-DD` (`0x2C7C` → `2022-03-28`). Not validated: a blank EEPROM gives `2000-00-00`.
 */
export function decodeJbdDate(value: number): string {
  const year = 2000 + ((value >> 9) & 0x7f);
  const month = (value >> 5) & 0x0f;
  const day = value & 0x1f;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** Encodes `YYYY-MM-DD` (years 2000–2127) as a JBD date word; throws `invalid-argument` otherwise. */
export function encodeJbdDate(text: string): number {
  const match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text.trim());
  if (!match) throw new BattError("invalid-argument", `date must be YYYY-MM-DD: "${text}"`);
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < 2000 || year > 2127 || month < 1 || month > 12 || day < 1 || day > 31) {
    throw new BattError("invalid-argument", `date out of range (2000-01-01 … 2127-12-31): "${text}"`);
  }
  return ((year - 2000) << 9) | (month << 5) | day;
}
