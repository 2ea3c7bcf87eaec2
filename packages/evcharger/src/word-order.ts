import type { WordOrder } from "@batt/modbus-rtu";
import type { Generation } from "./generation.js";

/** The 32-bit values whose word order real chargers disagree on (docs/protocols/evcharger.md#32-bit-word-order). */
export interface WordOrders {
  /** Input 0x0010–0x0011, EQ_Total. */
  readonly inputEnergyTotal: WordOrder;
  /** Input 0x001E–0x001F, FaultCode. */
  readonly faultCode: WordOrder;
  /** Input 0x002B–0x002C, Charging_time. */
  readonly chargingTime: WordOrder;
  /** Holding 0x0619–0x061A, EQ_Total (copy). */
  readonly holdingEnergyTotal: WordOrder;
  /** The 32-bit registers of the upgrade block (0x3000–0x30C2). */
  readonly upgrade: WordOrder;
}

/**
 * Default word orders per generation (docs/protocols/evcharger.md#32-bit-word-order). The document says "little endian" (low word
 * first) everywhere, and second-generation chargers follow it; first-generation chargers send the
 * input energy counter high word first (captures in HA PR #2235, evcc #13202, #22627), while the
 * holding copy at 0x0619 is low word first. Fault code and charging time follow the energy counter
 * on G1 on weak evidence; override them when a charger shows otherwise.
 */
export const DEFAULT_WORD_ORDERS: Readonly<Record<Generation, WordOrders>> = {
  g1: { inputEnergyTotal: "high-first", faultCode: "high-first", chargingTime: "high-first", holdingEnergyTotal: "low-first", upgrade: "low-first" },
  g2: { inputEnergyTotal: "low-first", faultCode: "low-first", chargingTime: "low-first", holdingEnergyTotal: "low-first", upgrade: "low-first" },
};

/** The word orders for a generation with per-register overrides applied. */
export function wordOrdersFor(generation: Generation, overrides: Partial<WordOrders> = {}): WordOrders {
  return { ...DEFAULT_WORD_ORDERS[generation], ...overrides };
}

/** The other word order. */
export function swapped(order: WordOrder): WordOrder {
  return order === "high-first" ? "low-first" : "high-first";
}
