import { BattError, concatBytes } from "@batt/core";
import { identifierById, JK_IDENTIFIERS } from "./identifiers/identifier-table.js";
import type { JkInfoEntry } from "./info-field.js";
import { encodeValue, type JkValue, type JkValueContext } from "./value-codec.js";

/** Joins `id, value` pairs into an information field; a cell list (0x79) gets its length byte. */
export function joinInfoEntries(entries: readonly Pick<JkInfoEntry, "id" | "raw">[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const { id, raw } of entries) {
    if (identifierById(id)?.kind === "cells") {
      if (raw.length > 0xff) throw new BattError("invalid-argument", `a cell list of ${raw.length} bytes does not fit its length byte`);
      parts.push(Uint8Array.of(id, raw.length), raw);
    } else parts.push(Uint8Array.of(id), raw);
  }
  return concatBytes(...parts);
}

/**
 * Encodes named values into a read-all information field in table order (the inverse of
 * `decodeInfoField`, for simulators and tests). Names without a value are left out.
 *
 * @throws BattError `invalid-argument` for a value an identifier cannot hold.
 */
export function encodeInfoField(values: Readonly<Record<string, JkValue | undefined>>, context: JkValueContext): Uint8Array {
  const entries = JK_IDENTIFIERS.filter((spec) => values[spec.key] !== undefined).map((spec) => ({
    id: spec.id,
    raw: encodeValue(spec, values[spec.key], context),
  }));
  return joinInfoEntries(entries);
}
