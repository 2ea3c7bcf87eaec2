import { BattError } from "@batt/core";
import { applyScale, removeScale } from "@batt/modbus-rtu";
import { currentEncodingFor, decodeCurrent, encodeCurrent } from "./current.js";
import { hex8 } from "./hex-format.js";
import { decodeFlags, JK_STATUS_BITS, JK_WARNING_BITS, type JkFlags } from "./identifiers/flag-tables.js";
import type { JkCell, JkEnumValue, JkIdentifierSpec, JkKindValues } from "./identifiers/identifier-spec.js";
import { DEFAULT_TEMPERATURE_RULE, decodeTemperature, encodeTemperature, type JkTemperatureRule } from "./temperature.js";

/** Any decoded identifier value. */
export type JkValue = JkKindValues[keyof JkKindValues];

/** What decoding needs besides the bytes: the protocol version (0xC0) and the temperature rule. */
export interface JkValueContext {
  /** Value of identifier 0xC0, or `undefined` when the frame has none (old firmware). */
  readonly protocolVersion: number | undefined;
  /** Negative-temperature rule (default `esphome`). */
  readonly temperatureRule?: JkTemperatureRule;
}

/**
 * Decodes the value bytes of one identifier (for `cells`: the index/voltage triples, without the
 * length byte) into SI units.
 *
 * @throws BattError `frame` when the value has the wrong size.
 */
export function decodeValue(spec: JkIdentifierSpec, raw: Uint8Array, context: JkValueContext): JkValue {
  if (spec.kind === "cells") return decodeCells(spec, raw);
  if (raw.length !== spec.size) throw sizeError(spec, raw.length);
  switch (spec.kind) {
    case "ascii":
      return decodeAscii(raw);
    case "temperature":
      return decodeTemperature(readUint(raw), context.temperatureRule ?? DEFAULT_TEMPERATURE_RULE);
    case "current":
      return decodeCurrent(readUint(raw), currentEncodingFor(context.protocolVersion));
    case "uint":
      return applyScale(readUint(raw), spec.scale);
    case "int": {
      const value = readUint(raw);
      const bits = 8 * raw.length;
      return applyScale(value >= 2 ** (bits - 1) ? value - 2 ** bits : value, spec.scale);
    }
    case "bool":
      return raw[0] !== 0;
    case "enum": {
      const name = spec.values?.[raw[0]!];
      return name === undefined ? { value: raw[0]! } : { value: raw[0]!, name };
    }
    case "warnings":
      return decodeFlags(readUint(raw), JK_WARNING_BITS);
    case "status":
      return decodeFlags(readUint(raw), JK_STATUS_BITS);
  }
}

/**
 * Encodes a value of one identifier into its value bytes (for `cells`: triples without the length
 * byte), checking it first: type, the row's `min`/`max` in SI units, and the field's raw range.
 *
 * @throws BattError `invalid-argument` for a value the identifier cannot hold; nothing is encoded.
 */
export function encodeValue(spec: JkIdentifierSpec, value: unknown, context: JkValueContext = { protocolVersion: 1 }): Uint8Array {
  const fail = (why: string): never => {
    throw new BattError("invalid-argument", `${spec.key} (0x${hex8(spec.id)}): ${why}`);
  };
  switch (spec.kind) {
    case "cells": {
      if (!Array.isArray(value)) return fail("a list of cells expected");
      const cells = value as readonly JkCell[];
      const out = new Uint8Array(cells.length * 3);
      cells.forEach((cell, i) => {
        const mv = Math.round(cell.voltage * 1000);
        if (!Number.isInteger(cell.index) || cell.index < 0 || cell.index > 0xff || !(mv >= 0 && mv <= 0xffff)) fail(`cell ${i} out of range`);
        out.set([cell.index, mv >> 8, mv & 0xff], i * 3);
      });
      return out;
    }
    case "ascii": {
      if (typeof value !== "string") return fail("text expected");
      if (value.length > spec.size) fail(`"${value}" is longer than ${spec.size} characters`);
      const out = new Uint8Array(spec.size);
      for (let i = 0; i < value.length; i++) {
        const code = value.charCodeAt(i);
        if (code === 0 || code > 0xff) fail(`character ${JSON.stringify(value[i])} cannot be sent`);
        out[i] = code;
      }
      return out;
    }
    case "bool": {
      if (value === true || value === 1) return Uint8Array.of(1);
      if (value === false || value === 0) return Uint8Array.of(0);
      return fail(`${String(value)} is not a switch value (true/false, 1/0)`);
    }
    case "enum": {
      const names = spec.values ?? [];
      const input = isEnumValue(value) ? value.value : value;
      const raw = typeof input === "string" ? names.indexOf(input) : typeof input === "number" && Number.isInteger(input) && input >= 0 && input < names.length ? input : -1;
      if (raw < 0) fail(`${String(input)} is not one of ${names.join(", ")}`);
      return Uint8Array.of(raw);
    }
    case "warnings":
    case "status": {
      const raw = typeof value === "number" ? value : isFlags(value) ? value.raw : NaN;
      return writeUint(spec, raw, fail);
    }
    case "temperature": {
      if (typeof value !== "number" || !Number.isFinite(value)) return fail(`${String(value)} is not a number`);
      return writeUint(spec, encodeTemperature(value, context.temperatureRule ?? DEFAULT_TEMPERATURE_RULE), fail);
    }
    case "current": {
      if (typeof value !== "number" || !Number.isFinite(value)) return fail(`${String(value)} is not a number`);
      return writeUint(spec, encodeCurrent(value, currentEncodingFor(context.protocolVersion)), fail);
    }
    case "uint":
    case "int": {
      if (typeof value !== "number" || !Number.isFinite(value)) return fail(`${String(value)} is not a number`);
      if (spec.min !== undefined && value < spec.min) fail(`${value} is below the minimum ${spec.min}${spec.unit ? ` ${spec.unit}` : ""}`);
      if (spec.max !== undefined && value > spec.max) fail(`${value} is above the maximum ${spec.max}${spec.unit ? ` ${spec.unit}` : ""}`);
      const raw = removeScale(value, spec.scale);
      const bits = 8 * spec.size;
      if (spec.kind === "int") {
        if (raw < -(2 ** (bits - 1)) || raw >= 2 ** (bits - 1)) fail(`${value} does not fit ${bits} signed bits`);
        return writeUint(spec, raw < 0 ? raw + 2 ** bits : raw, fail);
      }
      return writeUint(spec, raw, fail);
    }
  }
}

function decodeCells(spec: JkIdentifierSpec, raw: Uint8Array): readonly JkCell[] {
  if (raw.length % 3 !== 0) throw new BattError("frame", `${spec.key} (0x${hex8(spec.id)}): ${raw.length} bytes is not a whole number of cells`);
  const cells: JkCell[] = [];
  for (let at = 0; at < raw.length; at += 3) cells.push({ index: raw[at]!, voltage: ((raw[at + 1]! << 8) | raw[at + 2]!) / 1000 });
  return cells;
}

function decodeAscii(raw: Uint8Array): string {
  let text = "";
  for (const byte of raw) {
    if (byte === 0) break; // 0xBA may hold a NUL in the middle: the rest is padding
    text += String.fromCharCode(byte);
  }
  return text;
}

function readUint(raw: Uint8Array): number {
  let value = 0;
  for (const byte of raw) value = value * 256 + byte;
  return value;
}

function writeUint(spec: JkIdentifierSpec, raw: number, fail: (why: string) => never): Uint8Array {
  if (!Number.isInteger(raw) || raw < 0 || raw >= 2 ** (8 * spec.size)) fail(`raw value ${raw} does not fit ${spec.size} byte(s)`);
  const out = new Uint8Array(spec.size);
  let rest = raw;
  for (let i = spec.size - 1; i >= 0; i--) {
    out[i] = rest % 256;
    rest = Math.floor(rest / 256);
  }
  return out;
}

function isEnumValue(value: unknown): value is JkEnumValue {
  return typeof value === "object" && value !== null && typeof (value as { value?: unknown }).value === "number";
}

function isFlags(value: unknown): value is JkFlags<string> {
  return typeof value === "object" && value !== null && typeof (value as { raw?: unknown }).raw === "number";
}

function sizeError(spec: JkIdentifierSpec, got: number): BattError {
  return new BattError("frame", `${spec.key} (0x${hex8(spec.id)}) needs ${spec.size} byte(s), got ${got}`);
}
