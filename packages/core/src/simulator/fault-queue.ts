/**
 * Faults waiting for a simulated device's next replies, each for a number of replies: what
 * `inject(fault, times)` fills and each reply draws from. Faults act together on a reply (a
 * corrupted checksum and a split, say), in the order the device gives them meaning.
 *
 * @example
 * ```ts
 * const faults = new FaultQueue<{ kind: "silence" }>();
 * faults.add({ kind: "silence" }, 2);
 * faults.take(); // [{ kind: "silence" }], then once more, then []
 * ```
 */
export class FaultQueue<Fault> {
  private readonly pending: { readonly fault: Fault; left: number }[] = [];

  /** Adds `fault` for the next `times` replies (`Infinity` for all; 0 or less: none), after those added before. */
  add(fault: Fault, times = 1): void {
    this.pending.push({ fault, left: times });
  }

  /** Removes every pending fault. */
  clear(): void {
    this.pending.length = 0;
  }

  /** Number of faults still pending. */
  get size(): number {
    return this.pending.length;
  }

  /** The faults that act on the next reply, in the order they were added; each is used up once. */
  take(): Fault[] {
    const due = this.pending.filter((p) => p.left > 0);
    for (const p of due) p.left--;
    for (let i = this.pending.length - 1; i >= 0; i--) if (this.pending[i]!.left <= 0) this.pending.splice(i, 1);
    return due.map((p) => p.fault);
  }
}
