import { BattError } from "@batt/core";
import { hex8 } from "./hex-format.js";
import type { JkIdentifierSpec } from "./identifiers/identifier-spec.js";
import { identifierById } from "./identifiers/identifier-table.js";

/** One identifier of an information field with its value bytes (cells: the triples, without the length byte). */
export interface JkInfoEntry {
  /** Identifier byte. */
  readonly id: number;
  /** Value bytes. */
  readonly raw: Uint8Array;
  /** Its table row; `undefined` for an identifier the table does not know. */
  readonly spec: JkIdentifierSpec | undefined;
  /** For an unknown identifier: whether its length was inferred from the layout rather than given. */
  readonly inferred?: boolean;
}

/** Options of {@link splitInfoField}. */
export interface SplitInfoOptions {
  /** Value sizes of identifiers the table does not know (newer firmware), by identifier byte. */
  readonly extraIdentifiers?: Readonly<Record<number, number>>;
}

/** Longest value tried when inferring the length of an unknown identifier. */
const MAX_INFERRED_LENGTH = 64;

/**
 * Walks a read-all information field as `id, value, id, value …` using the identifier table for the
 * value lengths (0x79 carries its own). Never reads at fixed offsets, so firmware that stops early
 * or adds identifiers is handled.
 *
 * An identifier the table does not know is kept (reported, not decoded) when its length is known:
 * given in `extraIdentifiers`, or inferred as the shortest value after which the rest of the field
 * walks cleanly to its end through known identifiers in ascending order (the order every BMS
 * sends). Otherwise the rest of the field cannot be parsed and the whole field is rejected.
 *
 * @throws BattError `frame` for a value that runs past the end, a malformed cell list, or an
 *   identifier whose length cannot be known.
 */
export function splitInfoField(info: Uint8Array, options: SplitInfoOptions = {}): JkInfoEntry[] {
  const entries: JkInfoEntry[] = [];
  let at = 0;
  while (at < info.length) {
    const id = info[at]!;
    const spec = identifierById(id);
    const start = at + 1;
    let size: number;
    let valueStart = start;
    let inferred: boolean | undefined;
    if (spec?.kind === "cells") {
      if (start >= info.length) throw new BattError("frame", `identifier 79 at offset ${at} has no length byte`);
      size = info[start]!;
      valueStart = start + 1;
      if (size % 3 !== 0) throw new BattError("frame", `cell list length ${size} at offset ${at} is not a multiple of 3`);
    } else if (spec) {
      size = spec.size;
    } else if (options.extraIdentifiers?.[id] !== undefined) {
      size = options.extraIdentifiers[id]!;
      inferred = false;
    } else {
      const guess = inferLength(info, start, id);
      if (guess === undefined) {
        throw new BattError("frame", `unknown identifier ${hex8(id)} at offset ${at}: its length is unknown, so the rest of the frame cannot be parsed`, {
          context: { identifier: id, offset: at },
        });
      }
      size = guess;
      inferred = true;
    }
    const end = valueStart + size;
    if (end > info.length) {
      throw new BattError("frame", `identifier ${hex8(id)} at offset ${at} needs ${size} byte(s), only ${info.length - valueStart} left`, {
        context: { identifier: id, offset: at },
      });
    }
    entries.push({ id, raw: info.slice(valueStart, end), spec, ...(inferred !== undefined ? { inferred } : {}) });
    at = end;
  }
  return entries;
}

/**
 * The shortest value length of unknown `id` after which the field walks cleanly to its end. Longer
 * lengths that also fit would swallow whole known entries, which firmware does not do.
 */
function inferLength(info: Uint8Array, start: number, id: number): number | undefined {
  for (let size = 0; size <= Math.min(MAX_INFERRED_LENGTH, info.length - start); size++) {
    if (walksCleanly(info, start + size, id)) return size;
  }
  return undefined;
}

function walksCleanly(info: Uint8Array, at: number, previous: number): boolean {
  while (at < info.length) {
    const id = info[at]!;
    const spec = identifierById(id);
    if (!spec || id <= previous) return false;
    let end = at + 1 + spec.size;
    if (spec.kind === "cells") {
      const size = info[at + 1];
      if (size === undefined || size % 3 !== 0) return false;
      end = at + 2 + size;
    }
    if (end > info.length) return false;
    previous = id;
    at = end;
  }
  return true;
}
