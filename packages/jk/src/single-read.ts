import { BattError } from "@batt/core";
import type { JkFrame } from "./frame.js";
import { hex8 } from "./hex-format.js";
import type { JkIdentifierSpec } from "./identifiers/identifier-spec.js";
import { decodeInfoField, type JkDecodeOptions } from "./snapshot.js";
import { decodeValue, type JkValue, type JkValueContext } from "./value-codec.js";

/**
 * Decodes the reply to a single-identifier read (command 03): identifier at offset 11, value from
 * offset 12, value length = LENGTH − 19 (docs/protocols/jk.md#single-identifier-read, not confirmed by a captured reply). A cell
 * list may come with or without its length byte. A reply that carries a whole table instead is
 * walked and the identifier taken from it.
 *
 * @throws BattError `unexpected-reply` when the reply is for another identifier or lacks it;
 *   `frame` when the value has a size the identifier cannot have.
 */
export function decodeSingleRead(frame: JkFrame, spec: JkIdentifierSpec, context: JkValueContext & JkDecodeOptions): JkValue {
  if (frame.info[0] !== spec.id) {
    throw new BattError("unexpected-reply", `asked for identifier ${hex8(spec.id)}, the reply carries ${hex8(frame.info[0] ?? 0)}`);
  }
  const value = frame.info.subarray(1);
  if (spec.kind === "cells") {
    const withLength = value.length > 0 && value[0] === value.length - 1 && (value.length - 1) % 3 === 0;
    return decodeValue(spec, withLength ? value.subarray(1) : value, context);
  }
  if (value.length === spec.size) return decodeValue(spec, value, context);
  const table = decodeInfoField(frame.info, context);
  const found = table.raw.get(spec.id);
  if (found === undefined) throw new BattError("unexpected-reply", `the reply does not carry identifier ${hex8(spec.id)}`);
  return decodeValue(spec, found, { ...context, protocolVersion: table.values.protocolVersion ?? context.protocolVersion });
}
