import { systemClock, type Clock } from "../clock.js";
import { createPrng, type Prng } from "../prng.js";
import type { Transport } from "../transport.js";
import { WrappedTransport } from "../wrapped-transport.js";

/** One way of damaging a chunk of bytes. */
export type Fault =
  /** The chunk is lost. */
  | { readonly kind: "drop" }
  /** One byte is XORed with `mask` (default 0xFF); `index` counts from the start, or from the end when negative (default -1). */
  | { readonly kind: "corrupt"; readonly index?: number; readonly mask?: number }
  /** The chunk arrives in pieces of `size` bytes, `gapMs` apart (default 0: separate deliveries, no wait). */
  | { readonly kind: "split"; readonly size: number; readonly gapMs?: number }
  /** The chunk arrives `ms` later. */
  | { readonly kind: "delay"; readonly ms: number }
  /** The chunk arrives twice. */
  | { readonly kind: "duplicate" }
  /** `bytes` arrive just before the chunk (line noise, a previous device's tail). */
  | { readonly kind: "prefix"; readonly bytes: Uint8Array }
  /** Only the first `length` bytes arrive. */
  | { readonly kind: "truncate"; readonly length: number };

/** When a {@link Fault} applies. */
export interface FaultRule {
  /** `rx`: device to host (default); `tx`: host to device. */
  readonly direction?: "rx" | "tx";
  /** The damage. */
  readonly fault: Fault;
  /** How many chunks it applies to before it is used up (default 1; `Infinity` for always). */
  readonly times?: number;
  /** Chance that a chunk is hit (default 1); draws come from the seeded generator. */
  readonly probability?: number;
}

interface ActiveRule {
  readonly rule: FaultRule;
  left: number;
}

interface Piece {
  bytes: Uint8Array;
  delayMs: number;
}

/** Options for {@link FaultyTransport}. */
export interface FaultyTransportOptions {
  /** Seed for probabilistic rules (default 1). */
  readonly seed?: number;
  /** Clock for delays (default: the system clock). */
  readonly clock?: Clock;
  /**
   * Rules take turns: a chunk is damaged by the first live rule of its direction only, so
   * `drop` then `corrupt` loses one chunk and garbles the next (default false: every live rule
   * damages each chunk, in the order the rules were added). A rule whose probability draw misses
   * lets the chunk pass and keeps its turn.
   */
  readonly sequential?: boolean;
}

/**
 * Wraps a transport and damages traffic on request: drop, corrupt, split, delay, duplicate,
 * prefix garbage, truncate, in either direction. Deterministic for a given seed.
 *
 * @example
 * ```ts
 * const link = new FaultyTransport(host);
 * link.inject({ fault: { kind: "prefix", bytes: fromHex("ff 00") } });
 * link.inject({ fault: { kind: "split", size: 1 } });
 * ```
 */
export class FaultyTransport extends WrappedTransport {
  /** How many chunks each fault kind has hit so far. */
  readonly hits: Record<Fault["kind"], number> = { drop: 0, corrupt: 0, split: 0, delay: 0, duplicate: 0, prefix: 0, truncate: 0 };

  private readonly rules: ActiveRule[] = [];
  private readonly prng: Prng;
  private readonly clock: Clock;
  private readonly sequential: boolean;

  constructor(inner: Transport, options: FaultyTransportOptions = {}) {
    super(inner, `${inner.info.description ?? "transport"} (faulty)`);
    this.prng = createPrng(options.seed ?? 1);
    this.clock = options.clock ?? systemClock;
    this.sequential = options.sequential ?? false;
  }

  /** Adds a rule; rules apply in the order they were added. */
  inject(rule: FaultRule): this {
    this.rules.push({ rule, left: rule.times ?? 1 });
    return this;
  }

  /** Removes every rule. */
  clear(): this {
    this.rules.length = 0;
    return this;
  }

  protected override fromInner(chunk: Uint8Array): void {
    let at = 0;
    for (const piece of this.apply("rx", chunk)) {
      at += piece.delayMs;
      if (at > 0) this.clock.setTimer(() => this.receive(piece.bytes), at);
      else this.receive(piece.bytes);
    }
  }

  protected override async toInner(data: Uint8Array): Promise<void> {
    for (const piece of this.apply("tx", data)) {
      if (piece.delayMs > 0) await new Promise<void>((resolve) => this.clock.setTimer(resolve, piece.delayMs));
      await this.inner.write(piece.bytes);
    }
  }

  private apply(direction: "rx" | "tx", chunk: Uint8Array): Piece[] {
    let pieces: Piece[] = [{ bytes: chunk, delayMs: 0 }];
    for (const active of this.rules) {
      if ((active.rule.direction ?? "rx") !== direction || active.left <= 0) continue;
      const hit = active.rule.probability === undefined || this.prng.next() < active.rule.probability;
      if (hit) {
        active.left--;
        this.hits[active.rule.fault.kind]++;
        pieces = damage(pieces, active.rule.fault);
      }
      if (this.sequential) break;
    }
    for (let i = this.rules.length - 1; i >= 0; i--) if (this.rules[i]!.left <= 0) this.rules.splice(i, 1);
    return pieces;
  }
}

function damage(pieces: Piece[], fault: Fault): Piece[] {
  switch (fault.kind) {
    case "drop":
      return [];
    case "duplicate":
      return [...pieces, ...pieces.map((p) => ({ bytes: p.bytes.slice(), delayMs: 0 }))];
    case "delay":
      return pieces.map((p, i) => (i === 0 ? { ...p, delayMs: p.delayMs + fault.ms } : p));
    case "prefix":
      return [{ bytes: fault.bytes.slice(), delayMs: pieces[0]?.delayMs ?? 0 }, ...pieces.map((p, i) => (i === 0 ? { ...p, delayMs: 0 } : p))];
    case "truncate": {
      let left = fault.length;
      const out: Piece[] = [];
      for (const p of pieces) {
        if (left <= 0) break;
        out.push({ ...p, bytes: p.bytes.slice(0, left) });
        left -= p.bytes.length;
      }
      return out;
    }
    case "corrupt": {
      const whole = pieces.flatMap((p) => [...p.bytes]);
      if (whole.length === 0) return pieces;
      const index = fault.index ?? -1;
      const at = index < 0 ? whole.length + index : index;
      if (at < 0 || at >= whole.length) return pieces;
      let offset = 0;
      return pieces.map((p) => {
        const start = offset;
        offset += p.bytes.length;
        if (at < start || at >= offset) return p;
        const bytes = p.bytes.slice();
        bytes[at - start] = bytes[at - start]! ^ (fault.mask ?? 0xff);
        return { ...p, bytes };
      });
    }
    case "split": {
      const size = Math.max(1, Math.floor(fault.size));
      const out: Piece[] = [];
      for (const p of pieces) {
        for (let i = 0; i < p.bytes.length; i += size) {
          out.push({ bytes: p.bytes.slice(i, i + size), delayMs: i === 0 ? p.delayMs : (fault.gapMs ?? 0) });
        }
      }
      return out;
    }
  }
}
