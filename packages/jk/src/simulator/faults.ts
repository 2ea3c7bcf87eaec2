import type { ReplyPiece } from "@batt/core/simulator";

/**
 * A misbehaviour of the simulated BMS when it replies:
 * - `silence`: no reply;
 * - `bad-checksum`: the last checksum byte is inverted;
 * - `partial`: only the first `length` bytes go out, the rest never comes;
 * - `split`: the reply goes out in pieces of `size` bytes, `gapMs` apart;
 * - `garbage`: `bytes` go out before the reply (the tail of an earlier frame, line noise);
 * - `delay`: the reply goes out `ms` later.
 */
export type JkSimulatorFault =
  | { readonly kind: "silence" }
  | { readonly kind: "bad-checksum" }
  | { readonly kind: "partial"; readonly length: number }
  | { readonly kind: "split"; readonly size: number; readonly gapMs?: number }
  | { readonly kind: "garbage"; readonly bytes: Uint8Array }
  | { readonly kind: "delay"; readonly ms: number };

/** Order in which faults act, so a checksum is corrupted before the reply is cut or split. */
export const FAULT_ORDER: readonly JkSimulatorFault["kind"][] = ["silence", "bad-checksum", "partial", "split", "garbage", "delay"];

/** Applies `fault` to the pieces of a reply. */
export function applyFault(pieces: ReplyPiece[], fault: JkSimulatorFault): ReplyPiece[] {
  switch (fault.kind) {
    case "silence":
      return [];
    case "bad-checksum":
      return pieces.map((p, i) => {
        if (i !== pieces.length - 1 || p.bytes.length === 0) return p;
        const bytes = p.bytes.slice();
        bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0xff;
        return { ...p, bytes };
      });
    case "partial": {
      let left = Math.max(0, fault.length);
      const out: ReplyPiece[] = [];
      for (const p of pieces) {
        if (left <= 0) break;
        out.push({ ...p, bytes: p.bytes.slice(0, left) });
        left -= p.bytes.length;
      }
      return out;
    }
    case "split": {
      const size = Math.max(1, Math.floor(fault.size));
      return pieces.flatMap((p) => {
        const out: ReplyPiece[] = [];
        for (let i = 0; i < p.bytes.length; i += size) out.push({ bytes: p.bytes.slice(i, i + size), delayMs: i === 0 ? p.delayMs : (fault.gapMs ?? 0) });
        return out;
      });
    }
    case "garbage":
      return [{ bytes: fault.bytes.slice(), delayMs: pieces[0]?.delayMs ?? 0 }, ...pieces.map((p, i) => (i === 0 ? { ...p, delayMs: 0 } : p))];
    case "delay":
      return pieces.map((p, i) => (i === 0 ? { ...p, delayMs: p.delayMs + fault.ms } : p));
  }
}

/** The pieces to send for `frame` once `faults` have acted on it, in {@link FAULT_ORDER}. */
export function shapeReply(frame: Uint8Array, faults: readonly JkSimulatorFault[]): ReplyPiece[] {
  const ordered = [...faults].sort((a, b) => FAULT_ORDER.indexOf(a.kind) - FAULT_ORDER.indexOf(b.kind));
  let pieces: ReplyPiece[] = [{ bytes: frame, delayMs: 0 }];
  for (const fault of ordered) pieces = applyFault(pieces, fault);
  return pieces;
}
