import { BattError } from "@batt/core";
import { ModbusLimits } from "../limits.js";

/** Options for {@link planBlockReads}. */
export interface PlanOptions {
  /** Largest read (default 125, the protocol limit for 0x03/0x04). */
  readonly maxCount?: number;
  /**
   * Largest run of unneeded registers a read may span to join two fields (default 0: only
   * adjacent fields share a read, since many devices refuse to read unmapped registers).
   */
  readonly maxGap?: number;
}

/** A field's place, for planning. */
export interface FieldSpan {
  /** Field name. */
  readonly name: string;
  /** First register. */
  readonly address: number;
  /** Registers spanned. */
  readonly size: number;
}

/** One planned read: the registers to read and the fields they hold. */
export interface BlockRead {
  /** First register to read. */
  readonly address: number;
  /** Registers to read. */
  readonly count: number;
  /** Names of the fields inside, by address. */
  readonly fields: readonly string[];
}

/**
 * Groups fields into as few reads as possible: sorted by address, a field joins the current read
 * when the gap before it is at most `maxGap` and the read stays within `maxCount` registers.
 *
 * @throws BattError `invalid-argument` when one field is larger than `maxCount`.
 * @example planBlockReads([{ name: "v", address: 0, size: 1 }, { name: "e", address: 0x10, size: 2 }], { maxGap: 16 })
 *   // [{ address: 0, count: 18, fields: ["v", "e"] }]
 */
export function planBlockReads(spans: readonly FieldSpan[], options: PlanOptions = {}): BlockRead[] {
  const maxCount = options.maxCount ?? ModbusLimits.readRegisters;
  const maxGap = options.maxGap ?? 0;
  if (!(Number.isInteger(maxCount) && maxCount >= 1)) throw new BattError("invalid-argument", `maxCount ${maxCount} must be a positive integer`);
  const sorted = [...spans].sort((a, b) => a.address - b.address || b.size - a.size);
  const plan: { address: number; end: number; fields: string[] }[] = [];
  for (const span of sorted) {
    if (span.size > maxCount) throw new BattError("invalid-argument", `field ${span.name} (${span.size} registers) exceeds a read of ${maxCount}`);
    const end = span.address + span.size;
    const last = plan[plan.length - 1];
    if (last && span.address - last.end <= maxGap && Math.max(last.end, end) - last.address <= maxCount) {
      last.end = Math.max(last.end, end);
      last.fields.push(span.name);
    } else {
      plan.push({ address: span.address, end, fields: [span.name] });
    }
  }
  return plan.map((block) => ({ address: block.address, count: block.end - block.address, fields: block.fields }));
}
