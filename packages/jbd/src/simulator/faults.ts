import type { ReplyPiece } from "@batt/core/simulator";

/**
 * The JBD simulator's own reply fault, beside the shared `ReplyFault` kinds (`silence`,
 * `corrupt-checksum`, `garbage-before`, `split`, `truncate`, `delay`): `duplicate` sends the reply
 * twice, the copy `delayMs` after the original (default 0), as some BLE/UART bridges do.
 *
 * A sleeping BMS is not a reply fault: see `JbdSimulator.sleep()` and `sleepAfterIdleMs`.
 */
export interface JbdDeviceFault {
  /** The reply goes out twice. */
  readonly kind: "duplicate";
  /** Pause before the copy, ms (default 0). */
  readonly delayMs?: number;
}

/** Applies a {@link JbdDeviceFault} to the pieces of a reply (after the shared faults have acted). */
export function applyJbdDeviceFault(pieces: readonly ReplyPiece[], fault: JbdDeviceFault): ReplyPiece[] {
  return [...pieces, ...pieces.map((p, i) => ({ bytes: p.bytes.slice(), delayMs: i === 0 ? (fault.delayMs ?? 0) : p.delayMs }))];
}
