/**
 * A misbehaviour of the simulated charger's next replies:
 * - `silence`: no reply;
 * - `truncate`: over USB the length byte is cut to `keep` bytes (default 2 less than needed), as a
 *   report cut short; over serial only the first `keep` bytes are sent (default: all but the CRC);
 * - `interleave-log`: a LogView report goes out just before the reply (USB only), as when logging is on.
 */
export type SimulatorFault = { readonly kind: "silence" } | { readonly kind: "truncate"; readonly keep?: number } | { readonly kind: "interleave-log" };

/** Pending faults with their remaining counts. */
export class FaultQueue {
  private readonly pending: { fault: SimulatorFault; left: number }[] = [];

  /** Adds a fault for the next `times` replies (`Infinity` for all). */
  add(fault: SimulatorFault, times: number): void {
    this.pending.push({ fault, left: times });
  }

  /** Removes every fault. */
  clear(): void {
    this.pending.length = 0;
  }

  /** The faults that apply to the next reply (each is used up once). */
  take(): SimulatorFault[] {
    const now = this.pending.filter((p) => p.left > 0).map((p) => p.fault);
    for (const p of this.pending) p.left--;
    for (let i = this.pending.length - 1; i >= 0; i--) if (this.pending[i]!.left <= 0) this.pending.splice(i, 1);
    return now;
  }
}
