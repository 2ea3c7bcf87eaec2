import { currentEncodingFor, type JkCurrentEncoding } from "./current.js";
import type { JkIdentifierSpec } from "./identifiers/identifier-spec.js";
import { splitInfoField, type SplitInfoOptions } from "./info-field.js";
import type { JkTemperatureRule } from "./temperature.js";
import { decodeValue } from "./value-codec.js";
import type { JkValues } from "./values.js";

/** An identifier the table does not know, with its value bytes. */
export interface JkUnknownIdentifier {
  /** Identifier byte. */
  readonly id: number;
  /** Value bytes. */
  readonly raw: Uint8Array;
  /** Whether the length was inferred from the layout (`true`) or given in `extraIdentifiers`. */
  readonly inferred: boolean;
}

/** Options for decoding an information field. */
export interface JkDecodeOptions extends SplitInfoOptions {
  /** Negative-temperature rule for 0x80–0x82 (default `esphome`). */
  readonly temperatureRule?: JkTemperatureRule;
}

/** Everything one read-all reply carried, decoded. */
export interface JkSnapshot {
  /** Every known identifier, decoded to SI units, by name. */
  readonly values: JkValues;
  /** Value bytes of every identifier, by identifier byte (for exact comparisons after a write). */
  readonly raw: ReadonlyMap<number, Uint8Array>;
  /** Identifiers in the order they arrived. */
  readonly order: readonly number[];
  /** Identifiers the table does not know. */
  readonly unknown: readonly JkUnknownIdentifier[];
  /** The current encoding used (chosen by 0xC0). */
  readonly currentEncoding: JkCurrentEncoding;
}

/**
 * Decodes a read-all information field: walks it by the identifier table, then decodes each value
 * (the current by the protocol version 0xC0, which comes last, so decoding follows the walk).
 *
 * @throws BattError `frame` when the field cannot be walked or a value has the wrong size.
 */
export function decodeInfoField(info: Uint8Array, options: JkDecodeOptions = {}): JkSnapshot {
  const entries = splitInfoField(info, options);
  const version = entries.find((e) => e.spec?.key === "protocolVersion")?.raw[0];
  const context = { protocolVersion: version, ...(options.temperatureRule ? { temperatureRule: options.temperatureRule } : {}) };
  const values: Record<string, unknown> = {};
  const raw = new Map<number, Uint8Array>();
  const unknown: JkUnknownIdentifier[] = [];
  for (const entry of entries) {
    raw.set(entry.id, entry.raw);
    const spec: JkIdentifierSpec | undefined = entry.spec;
    if (spec) values[spec.key] = decodeValue(spec, entry.raw, context);
    else unknown.push({ id: entry.id, raw: entry.raw, inferred: entry.inferred ?? false });
  }
  return { values: values as JkValues, raw, order: entries.map((e) => e.id), unknown, currentEncoding: currentEncodingFor(version) };
}
