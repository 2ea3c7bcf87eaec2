import { applyFault, FAULT_ORDER, type JkSimulatorFault, type ReplyPiece } from "./faults.js";

/** Pending faults, each for a number of replies; applied in {@link FAULT_ORDER}. */
export class FaultQueue {
  private readonly faults: { fault: JkSimulatorFault; left: number }[] = [];

  /** Makes the next `times` replies misbehave (`Infinity`: all). */
  add(fault: JkSimulatorFault, times = 1): void {
    this.faults.push({ fault, left: times });
  }

  /** Removes every pending fault. */
  clear(): void {
    this.faults.length = 0;
  }

  /** Number of pending faults. */
  get size(): number {
    return this.faults.length;
  }

  /** The pieces to send for `frame`, after the faults due for this reply (each is used up once). */
  shape(frame: Uint8Array): ReplyPiece[] {
    const due = this.faults.filter((f) => f.left > 0);
    for (const f of due) f.left--;
    for (let i = this.faults.length - 1; i >= 0; i--) if (this.faults[i]!.left <= 0) this.faults.splice(i, 1);
    due.sort((a, b) => FAULT_ORDER.indexOf(a.fault.kind) - FAULT_ORDER.indexOf(b.fault.kind));
    let pieces: ReplyPiece[] = [{ bytes: frame, delayMs: 0 }];
    for (const f of due) pieces = applyFault(pieces, f.fault);
    return pieces;
  }
}
