import { decodeFieldValue, type Int32Field } from "@batt/modbus-rtu";
import { swapped } from "./word-order.js";

/** Lifetime energy above which a counter is taken for a word-order mistake, Wh: 10 GWh (docs/protocols/evcharger.md#32-bit-word-order). */
export const IMPLAUSIBLE_ENERGY = 10_000_000_000;

/** Session duration above which a charging time is taken for a word-order mistake, s (ten years). */
export const IMPLAUSIBLE_SECONDS = 10 * 365 * 24 * 3600;

/**
 * A warning when a 32-bit value is beyond `limit`, with the value the other word order would give,
 * so a user can notice a wrong generation or word-order setting; undefined when plausible.
 */
export function wordOrderWarning(name: string, field: Int32Field, registers: readonly number[], limit: number): string | undefined {
  const value = decodeFieldValue(field, registers) as number;
  if (value <= limit) return undefined;
  const other = decodeFieldValue({ ...field, wordOrder: swapped(field.wordOrder) }, registers) as number;
  return `${name} reads ${value}${field.unit ? ` ${field.unit}` : ""} with ${field.wordOrder} word order, which is implausible; ${swapped(field.wordOrder)} would give ${other}${field.unit ? ` ${field.unit}` : ""} (set the generation or the word order)`;
}
