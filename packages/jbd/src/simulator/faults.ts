import type { ReplyPiece } from "@batt/core/simulator";

/**
 * A misbehaviour of the simulated BMS when it replies:
 * - `silence`: no reply;
 * - `corrupt-checksum`: the checksum's last byte is inverted;
 * - `split`: the reply goes out in pieces of `size` bytes, `gapMs` apart;
 * - `stray`: `bytes` go out before the reply (or after it);
 * - `duplicate`: the reply goes out twice, the copy `delayMs` after the original (default 0).
 *
 * A sleeping BMS is not a reply fault: see `JbdSimulator.sleep()` and `sleepAfterIdleMs`.
 */
export type SimulatorFault =
  | { readonly kind: "silence" }
  | { readonly kind: "corrupt-checksum" }
  | { readonly kind: "split"; readonly size: number; readonly gapMs?: number }
  | { readonly kind: "stray"; readonly bytes: Uint8Array; readonly position?: "before" | "after" }
  | { readonly kind: "duplicate"; readonly delayMs?: number };

/** Applies `fault` to the pieces of a reply. */
export function applyFault(pieces: ReplyPiece[], fault: SimulatorFault): ReplyPiece[] {
  switch (fault.kind) {
    case "silence":
      return [];
    case "corrupt-checksum":
      return pieces.map((p, i) => {
        if (i !== pieces.length - 1 || p.bytes.length < 2) return p;
        const bytes = p.bytes.slice();
        bytes[bytes.length - 2] = bytes[bytes.length - 2]! ^ 0xff;
        return { ...p, bytes };
      });
    case "split": {
      const size = Math.max(1, Math.floor(fault.size));
      return pieces.flatMap((p) => {
        const out: ReplyPiece[] = [];
        for (let i = 0; i < p.bytes.length; i += size) out.push({ bytes: p.bytes.slice(i, i + size), delayMs: i === 0 ? p.delayMs : (fault.gapMs ?? 0) });
        return out;
      });
    }
    case "stray":
      return fault.position === "after"
        ? [...pieces, { bytes: fault.bytes.slice(), delayMs: 0 }]
        : [{ bytes: fault.bytes.slice(), delayMs: 0 }, ...pieces];
    case "duplicate":
      return [...pieces, ...pieces.map((p, i) => ({ bytes: p.bytes.slice(), delayMs: i === 0 ? (fault.delayMs ?? 0) : p.delayMs }))];
  }
}
