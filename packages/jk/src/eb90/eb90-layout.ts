import { BattError } from "@batt/core";

/** How one field's bytes are read (all little-endian; `ascii` is NUL-padded text; `bytes` raw). */
export type Eb90FieldType = "u8" | "i8" | "u16" | "i16" | "u32" | "i32" | "f32" | "ascii" | "bytes";

/** One entry of a frame layout: a field, an array of fields, or bytes the layout marks reserved (their meaning is unknown). */
export interface Eb90Field {
  /** Name of the value in the decoded record (`reserved` for reserved bytes). */
  readonly key: string;
  /** Offset of the first byte in the 300-byte frame. */
  readonly offset: number;
  /** How the bytes are read. */
  readonly type: Eb90FieldType;
  /** Elements of an array field (the value is then an array). */
  readonly count?: number;
  /** Bytes of an `ascii` or `bytes` entry. */
  readonly size?: number;
  /** SI value = raw × scale (default 1); the value is rounded to the decimals of the scale. */
  readonly scale?: number;
  /** Whether the entry is part of the frame's envelope (header, type, counter, checksum) rather than its payload. */
  readonly envelope?: boolean;
  /** Whether the bytes are reserved (not decoded). */
  readonly reserved?: boolean;
}

/** The layout of one frame type of one generation: every byte of the 300 covered once, by a field or a reserved entry. */
export interface Eb90Layout {
  /** Name, for messages (`jk02-32s cell-info`). */
  readonly name: string;
  /** The entries, in offset order. */
  readonly fields: readonly Eb90Field[];
}

/** A decoded value: a number in SI units, an array of them, or text. */
export type Eb90Value = number | string | readonly number[];

/** The decoded values of one frame, by field key. */
export type Eb90Values = Readonly<Record<string, Eb90Value>>;

const ELEMENT_SIZE: Readonly<Record<Exclude<Eb90FieldType, "ascii" | "bytes">, number>> = { u8: 1, i8: 1, u16: 2, i16: 2, u32: 4, i32: 4, f32: 4 };

/** Bytes an entry covers. */
export function fieldSize(field: Eb90Field): number {
  if (field.type === "ascii" || field.type === "bytes") return field.size ?? 0;
  return ELEMENT_SIZE[field.type] * (field.count ?? 1);
}

/** A numeric field. */
export function num(key: string, offset: number, type: Exclude<Eb90FieldType, "ascii" | "bytes">, scale?: number): Eb90Field {
  return scale === undefined ? { key, offset, type } : { key, offset, type, scale };
}

/** An array of `count` numeric fields from `offset`. */
export function array(key: string, offset: number, count: number, type: Exclude<Eb90FieldType, "ascii" | "bytes">, scale?: number): Eb90Field {
  return scale === undefined ? { key, offset, type, count } : { key, offset, type, count, scale };
}

/** NUL-padded text of `size` bytes. */
export function text(key: string, offset: number, size: number): Eb90Field {
  return { key, offset, type: "ascii", size };
}

/** Reserved bytes: present in the frame, meaning unknown, not decoded. */
export function reserved(offset: number, size: number): Eb90Field {
  return { key: "reserved", offset, type: "bytes", size, reserved: true };
}

/** The envelope every frame shares: header (0–3), type (4), counter (5); {@link EB90_CHECKSUM_FIELD} closes it. */
export const EB90_ENVELOPE_FIELDS: readonly Eb90Field[] = [
  { key: "header", offset: 0, type: "bytes", size: 4, envelope: true },
  { key: "frameType", offset: 4, type: "u8", envelope: true },
  { key: "counter", offset: 5, type: "u8", envelope: true },
];

/** The checksum byte (299). */
export const EB90_CHECKSUM_FIELD: Eb90Field = { key: "checksum", offset: 299, type: "u8", envelope: true };

function decimalsOf(scale: number): number {
  return scale >= 1 ? 0 : Math.round(-Math.log10(scale));
}

function readElement(view: DataView, type: Exclude<Eb90FieldType, "ascii" | "bytes">, at: number): number {
  switch (type) {
    case "u8":
      return view.getUint8(at);
    case "i8":
      return view.getInt8(at);
    case "u16":
      return view.getUint16(at, true);
    case "i16":
      return view.getInt16(at, true);
    case "u32":
      return view.getUint32(at, true);
    case "i32":
      return view.getInt32(at, true);
    case "f32": {
      const value = view.getFloat32(at, true);
      // A NaN or infinite bit pattern is no measurement (a frame read in another generation's layout, or corrupt).
      if (!Number.isFinite(value)) throw new BattError("frame", `the float at offset ${at} is ${value}, not a measurement (wrong layout?)`);
      // Float32 holds about 7 significant digits; more would be noise of the conversion.
      return Number(value.toPrecision(7));
    }
  }
}

function writeElement(view: DataView, type: Exclude<Eb90FieldType, "ascii" | "bytes">, at: number, raw: number): void {
  switch (type) {
    case "u8":
    case "i8":
      view.setUint8(at, raw & 0xff);
      return;
    case "u16":
    case "i16":
      view.setUint16(at, raw & 0xffff, true);
      return;
    case "u32":
    case "i32":
      view.setUint32(at, raw >>> 0, true);
      return;
    case "f32":
      view.setFloat32(at, raw, true);
      return;
  }
}

function scaled(raw: number, field: Eb90Field): number {
  const scale = field.scale ?? 1;
  if (scale === 1 || field.type === "f32") return raw * scale;
  return Number((raw * scale).toFixed(decimalsOf(scale)));
}

/**
 * Decodes the payload fields of a 300-byte frame with `layout`: numbers in SI units (raw × scale),
 * arrays, and text cut at its first NUL. Reserved bytes and the envelope are not in the result.
 *
 * @throws BattError `frame` when `bytes` is shorter than the layout.
 */
export function decodeLayout(layout: Eb90Layout, bytes: Uint8Array): Eb90Values {
  const last = layout.fields[layout.fields.length - 1];
  if (last && bytes.length < last.offset + fieldSize(last)) throw new BattError("frame", `${layout.name}: ${bytes.length} bytes, the layout needs ${last.offset + fieldSize(last)}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const out: Record<string, Eb90Value> = {};
  for (const field of layout.fields) {
    if (field.reserved || field.envelope) continue;
    if (field.type === "bytes") continue;
    if (field.type === "ascii") {
      const raw = bytes.subarray(field.offset, field.offset + (field.size ?? 0));
      const end = raw.indexOf(0);
      out[field.key] = String.fromCharCode(...(end < 0 ? raw : raw.subarray(0, end)));
      continue;
    }
    const type = field.type;
    if (field.count === undefined) {
      out[field.key] = scaled(readElement(view, type, field.offset), field);
      continue;
    }
    const size = ELEMENT_SIZE[type];
    out[field.key] = Array.from({ length: field.count }, (_, i) => scaled(readElement(view, type, field.offset + i * size), field));
  }
  return out;
}

/**
 * Writes `values` into a frame's bytes with `layout` (the inverse of {@link decodeLayout}): raw =
 * value / scale, rounded; text NUL-padded; fields absent from `values` are left as they are.
 *
 * @throws BattError `invalid-argument` for a value of the wrong shape or text that does not fit.
 */
export function encodeLayout(layout: Eb90Layout, values: Eb90Values, into: Uint8Array): void {
  const view = new DataView(into.buffer, into.byteOffset, into.length);
  for (const field of layout.fields) {
    if (field.reserved || field.envelope || field.type === "bytes") continue;
    const value = values[field.key];
    if (value === undefined) continue;
    if (field.type === "ascii") {
      if (typeof value !== "string" || value.length > (field.size ?? 0)) throw new BattError("invalid-argument", `${layout.name}: ${field.key} must be text of at most ${field.size} characters`);
      into.fill(0, field.offset, field.offset + (field.size ?? 0));
      for (let i = 0; i < value.length; i++) into[field.offset + i] = value.charCodeAt(i) & 0xff;
      continue;
    }
    const type = field.type;
    const raw = (v: number): number => (type === "f32" ? v / (field.scale ?? 1) : Math.round(v / (field.scale ?? 1)));
    if (field.count === undefined) {
      if (typeof value !== "number") throw new BattError("invalid-argument", `${layout.name}: ${field.key} must be a number`);
      writeElement(view, type, field.offset, raw(value));
      continue;
    }
    if (!Array.isArray(value) || value.length > field.count) throw new BattError("invalid-argument", `${layout.name}: ${field.key} must be at most ${field.count} numbers`);
    const size = ELEMENT_SIZE[type];
    for (let i = 0; i < field.count; i++) writeElement(view, type, field.offset + i * size, raw((value as readonly number[])[i] ?? 0));
  }
}
