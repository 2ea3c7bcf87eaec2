import type { Prng } from "@batt/core";
import type { MutationContext, Mutator } from "./target.js";

/** Byte values that sit on the edges of signed and unsigned fields. */
const INTERESTING = [0x00, 0x01, 0x02, 0x7f, 0x80, 0x81, 0xfe, 0xff];

function pick<T>(rng: Prng, items: readonly T[]): T {
  return items[rng.int(0, items.length - 1)]!;
}

function randomBytes(rng: Prng, count: number): Uint8Array {
  const out = new Uint8Array(count);
  for (let i = 0; i < count; i++) out[i] = rng.int(0, 255);
  return out;
}

function join(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Random bytes, sometimes seasoned with the protocol's tokens (so garbage can hold false headers). */
function garbage(rng: Prng, context: MutationContext, max: number): Uint8Array {
  const bytes = randomBytes(rng, rng.int(1, max));
  const tokens = context.shape?.tokens ?? [];
  if (tokens.length > 0 && rng.next() < 0.5) return join(bytes, pick(rng, tokens), randomBytes(rng, rng.int(0, 4)));
  return bytes;
}

function insertAt(input: Uint8Array, at: number, bytes: Uint8Array): Uint8Array {
  return join(input.subarray(0, at), bytes, input.subarray(at));
}

/** The byte-level mutators every target gets. */
export const BYTE_MUTATORS: readonly Mutator[] = [
  {
    name: "bit flip",
    weight: 3,
    apply(input, rng) {
      const out = input.slice();
      if (out.length === 0) return out;
      for (let n = rng.int(1, 4); n > 0; n--) out[rng.int(0, out.length - 1)]! ^= 1 << rng.int(0, 7);
      return out;
    },
  },
  {
    name: "byte set",
    weight: 3,
    apply(input, rng) {
      const out = input.slice();
      if (out.length === 0) return out;
      for (let n = rng.int(1, 4); n > 0; n--) out[rng.int(0, out.length - 1)] = rng.next() < 0.5 ? pick(rng, INTERESTING) : rng.int(0, 255);
      return out;
    },
  },
  {
    name: "byte insert",
    apply: (input, rng) => insertAt(input, rng.int(0, input.length), randomBytes(rng, rng.int(1, 8))),
  },
  {
    name: "byte delete",
    apply(input, rng) {
      if (input.length === 0) return input.slice();
      const at = rng.int(0, input.length - 1);
      const count = rng.int(1, Math.min(8, input.length - at));
      return join(input.subarray(0, at), input.subarray(at + count));
    },
  },
  {
    name: "truncation",
    weight: 2,
    apply: (input, rng) => input.slice(0, rng.int(0, Math.max(0, input.length - 1))),
  },
  {
    name: "extension",
    apply(input, rng) {
      if (input.length > 0 && rng.next() < 0.3) return join(input, input.subarray(rng.int(0, input.length - 1)));
      return join(input, randomBytes(rng, rng.int(1, 64)));
    },
  },
  {
    name: "garbage before",
    apply: (input, rng, context) => join(garbage(rng, context, 24), input),
  },
  {
    name: "garbage after",
    apply: (input, rng, context) => join(input, garbage(rng, context, 24)),
  },
  {
    name: "false header",
    weight: 2,
    apply(input, rng, context) {
      const tokens = context.shape?.tokens ?? [];
      if (tokens.length === 0) return insertAt(input, rng.int(0, input.length), randomBytes(rng, 2));
      const token = pick(rng, tokens);
      // A header followed by a huge or tiny length field, or by nothing: the classic stall/swallow case.
      const tail = rng.next() < 0.5 ? Uint8Array.of(0xff, 0xff) : randomBytes(rng, rng.int(0, 3));
      return insertAt(input, rng.int(0, input.length), join(token, tail));
    },
  },
  {
    name: "length field",
    weight: 3,
    apply(input, rng, context) {
      const field = context.shape?.lengthField;
      const out = input.slice();
      if (!field || out.length < field.offset + field.size) return out;
      const max = field.size === 1 ? 0xff : 0xffff;
      const current = field.size === 1 ? out[field.offset]! : (out[field.offset]! << 8) | out[field.offset + 1]!;
      const choices = [0, 1, max, current + 1, current - 1, current + rng.int(2, 16), current - rng.int(2, 16), rng.int(0, max)];
      const value = pick(rng, choices) & max;
      if (field.size === 1) out[field.offset] = value;
      else {
        out[field.offset] = value >> 8;
        out[field.offset + 1] = value & 0xff;
      }
      return out;
    },
  },
  {
    name: "splice",
    apply(input, rng, context) {
      const other = pick(rng, context.seeds);
      if (rng.next() < 0.5) return rng.next() < 0.5 ? join(input, other) : join(other, input);
      const cut = rng.int(0, input.length);
      return join(input.subarray(0, cut), other.subarray(rng.int(0, other.length)));
    },
  },
  {
    name: "token overwrite",
    apply(input, rng, context) {
      const tokens = context.shape?.tokens ?? [];
      if (tokens.length === 0 || input.length === 0) return input.slice();
      const token = pick(rng, tokens);
      const out = input.slice();
      out.set(token.subarray(0, out.length), rng.int(0, Math.max(0, out.length - token.length)));
      return out;
    },
  },
];

/** Mutators for text formats: line and token edits on top of the byte mutators. */
export function textMutators(tokens: readonly string[]): Mutator[] {
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  const edit = (name: string, change: (lines: string[], rng: Prng) => void): Mutator => ({
    name,
    weight: 2,
    apply(input, rng) {
      const lines = decoder.decode(input).split("\n");
      change(lines, rng);
      return encoder.encode(lines.join("\n"));
    },
  });
  return [
    edit("line delete", (lines, rng) => void lines.splice(rng.int(0, lines.length - 1), 1)),
    edit("line duplicate", (lines, rng) => {
      const at = rng.int(0, lines.length - 1);
      lines.splice(at, 0, lines[at]!);
    }),
    edit("token insert", (lines, rng) => {
      const at = rng.int(0, lines.length - 1);
      const line = lines[at]!;
      const cut = rng.int(0, line.length);
      lines[at] = line.slice(0, cut) + pick(rng, tokens) + line.slice(cut);
    }),
    edit("token replace", (lines, rng) => {
      const at = rng.int(0, lines.length - 1);
      const words = lines[at]!.split(/(\s+)/);
      const w = rng.int(0, words.length - 1);
      words[w] = pick(rng, tokens);
      lines[at] = words.join("");
    }),
  ];
}

/** Draws a mutator by weight. */
export function drawMutator(rng: Prng, mutators: readonly Mutator[], totalWeight: number): Mutator {
  let ticket = rng.next() * totalWeight;
  for (const m of mutators) {
    ticket -= m.weight ?? 1;
    if (ticket < 0) return m;
  }
  return mutators[mutators.length - 1]!;
}
