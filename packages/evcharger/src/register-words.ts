import { MAX_CHARGE_CURRENT_A } from "./constants.js";
import { RATED_CURRENT } from "./enums.js";

/** Whether `span` holds `address`. */
export function covers(span: { address: number; count: number }, address: number): boolean {
  return address >= span.address && address < span.address + span.count;
}

/** `count` registers from `address` out of the blocks read (of one table, when given), or undefined when one is missing. */
export function pick(blocks: readonly { table?: string; address: number; registers: readonly number[] }[], table: string | undefined, address: number, count: number): number[] | undefined {
  const out: number[] = [];
  for (let a = address; a < address + count; a++) {
    const block = blocks.find((b) => (table === undefined || b.table === table) && a >= b.address && a < b.address + b.registers.length);
    if (!block) return undefined;
    out.push(block.registers[a - block.address]!);
  }
  return out;
}

/** The current a power class is rated for, A (the document's maximum when the class is unknown). */
export function ratingOf(powerClass: string | undefined): number {
  return (powerClass !== undefined ? RATED_CURRENT[powerClass] : undefined) ?? MAX_CHARGE_CURRENT_A;
}

/** Whether two register runs hold the same words. */
export function sameWords(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((w, i) => w === b[i]);
}
