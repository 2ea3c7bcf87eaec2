import { G1_INPUT_COUNT, G2_INPUT_COUNT } from "./constants.js";
import type { Generation } from "./generation.js";
import { HOLDING_BLOCKS } from "./holding-registers.js";

/** The most registers one Modbus read may ask for (FC 0x03/0x04). */
export const MAX_READ_REGISTERS = 125;

/** A contiguous run of registers read in one request. */
export interface RegisterSpan {
  /** Input registers (FC 0x04) or holding registers (FC 0x03). */
  readonly table: "input" | "holding";
  /** First register. */
  readonly address: number;
  /** Number of registers (at most {@link MAX_READ_REGISTERS}). */
  readonly count: number;
}

/**
 * What a reading asks of the charger, per generation: `live` changes from second to second (the
 * input block), `slow` are the settings (holding registers), which a driver may refresh less often.
 * Each is one request when the charger takes it whole; `fallback` splits a refused holding span into
 * the blocks older firmware answers (docs/protocols/evcharger.md#holding-registers). The charger asks
 * for 1 s between requests (docs/protocols/evcharger.md#physical-layer-and-timing), so every request
 * saved is a second saved.
 */
export interface ReadPlan {
  /** Spans read on every reading. */
  readonly live: readonly RegisterSpan[];
  /** Spans read when the settings are due. */
  readonly slow: readonly RegisterSpan[];
  /** The blocks a refused slow span is read in instead (a block refused too is left out). */
  readonly fallback: readonly RegisterSpan[];
}

const holdingBlocks: readonly RegisterSpan[] = HOLDING_BLOCKS.map((b) => ({ table: "holding", address: b.address, count: b.count }));

/** The read plans: G1 input 0x0000–0x002C and holding 0x0600–0x0640; G2 adds input 0x002D–0x0030 and holding 0x0668–0x0669. */
export const READ_PLANS: Readonly<Record<Generation, ReadPlan>> = {
  g1: {
    live: [{ table: "input", address: 0, count: G1_INPUT_COUNT }],
    slow: [{ table: "holding", address: 0x0600, count: 0x41 }],
    fallback: holdingBlocks,
  },
  g2: {
    live: [{ table: "input", address: 0, count: G2_INPUT_COUNT }],
    slow: [{ table: "holding", address: 0x0600, count: 0x6a }],
    fallback: [...holdingBlocks, { table: "holding", address: 0x0668, count: 2 }],
  },
};

/**
 * The parts of `wanted` that `have` does not cover, as contiguous spans of the same table, lowest first.
 *
 * @example uncovered({ table: "input", address: 0, count: 49 }, [{ table: "input", address: 0, count: 45 }]) // [{ table: "input", address: 45, count: 4 }]
 */
export function uncovered(wanted: RegisterSpan, have: readonly RegisterSpan[]): RegisterSpan[] {
  const out: RegisterSpan[] = [];
  let start = wanted.address;
  const end = wanted.address + wanted.count;
  const covers = have.filter((h) => h.table === wanted.table).sort((a, b) => a.address - b.address);
  for (const h of covers) {
    if (h.address + h.count <= start || h.address >= end) continue;
    if (h.address > start) out.push({ table: wanted.table, address: start, count: h.address - start });
    start = Math.max(start, h.address + h.count);
  }
  if (start < end) out.push({ table: wanted.table, address: start, count: end - start });
  return out;
}
