import type { ReplyPiece } from "./answer-requests.js";

/**
 * The misbehaviours every simulated device can show on its next replies, one vocabulary for all
 * simulators (device packages add their own kinds beside these):
 * - `silence`: no reply;
 * - `corrupt-checksum`: the reply's checksum is made wrong (a byte of it inverted);
 * - `garbage-before`: `bytes` go out before the reply (line noise, the tail of an earlier frame);
 * - `split`: the reply goes out in pieces of `size` bytes, `gapMs` apart;
 * - `truncate`: only the first `length` bytes go out, the rest never comes;
 * - `delay`: the reply goes out `ms` later.
 */
export type ReplyFault =
  | { readonly kind: "silence" }
  | { readonly kind: "corrupt-checksum" }
  | { readonly kind: "garbage-before"; readonly bytes: Uint8Array }
  | { readonly kind: "split"; readonly size: number; readonly gapMs?: number }
  | { readonly kind: "truncate"; readonly length: number }
  | { readonly kind: "delay"; readonly ms: number };

/** Kinds of {@link ReplyFault}, in the order they act on a reply: the checksum is corrupted before the reply is cut, cut before it is split. */
export const REPLY_FAULT_ORDER: readonly ReplyFault["kind"][] = ["silence", "corrupt-checksum", "truncate", "split", "garbage-before", "delay"];

/** Whether `fault` is one of the shared {@link ReplyFault} kinds (rather than a device's own). */
export function isReplyFault(fault: { readonly kind: string }): fault is ReplyFault {
  return (REPLY_FAULT_ORDER as readonly string[]).includes(fault.kind);
}

/** Where a protocol keeps its checksum: the byte `checksumAt` places from the end of the frame (1 = last byte). */
export interface ChecksumPlace {
  /** Position of a checksum byte counted from the end (1: the last byte, as in Modbus CRC's high byte; 2: JBD's, before the `77` end byte). */
  readonly checksumAt: number;
}

/** Applies one shared fault to the pieces of a reply. */
export function applyReplyFault(pieces: readonly ReplyPiece[], fault: ReplyFault, place: ChecksumPlace): ReplyPiece[] {
  switch (fault.kind) {
    case "silence":
      return [];
    case "corrupt-checksum":
      return pieces.map((p, i) => {
        const at = p.bytes.length - place.checksumAt;
        if (i !== pieces.length - 1 || at < 0) return p;
        const bytes = p.bytes.slice();
        bytes[at] = bytes[at]! ^ 0xff;
        return { ...p, bytes };
      });
    case "truncate": {
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
    case "garbage-before":
      return [{ bytes: fault.bytes.slice(), delayMs: pieces[0]?.delayMs ?? 0 }, ...pieces.map((p, i) => (i === 0 ? { ...p, delayMs: 0 } : p))];
    case "delay":
      return pieces.map((p, i) => (i === 0 ? { ...p, delayMs: p.delayMs + fault.ms } : p));
  }
}

/** The pieces to send for `frame` once the shared `faults` have acted on it, in {@link REPLY_FAULT_ORDER}. */
export function shapeReply(frame: Uint8Array, faults: readonly ReplyFault[], place: ChecksumPlace, delayMs = 0): ReplyPiece[] {
  const ordered = [...faults].sort((a, b) => REPLY_FAULT_ORDER.indexOf(a.kind) - REPLY_FAULT_ORDER.indexOf(b.kind));
  let pieces: ReplyPiece[] = [{ bytes: frame, delayMs }];
  for (const fault of ordered) pieces = applyReplyFault(pieces, fault, place);
  return pieces;
}
