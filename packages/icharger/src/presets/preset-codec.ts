import { BattError } from "@batt/core";
import { applyScale } from "@batt/modbus-rtu";
import { batteryTypes, chemistryOfType, typeOfChemistry, type BatteryTypeNumbering, type Chemistry } from "../models/chemistry.js";
import { imageText, imageToRegisters, registersToImage } from "../words.js";
import { LITHIUM_VOLTAGE_FIELDS, presetFieldSize, presetFieldsFor, type PresetField } from "./preset-fields.js";

/** A decoded preset field: a number in its unit, text, a named value, flags, or raw bytes. */
export type PresetValue =
  | number
  | string
  | readonly number[]
  | { readonly value: number; readonly name: string | undefined }
  | { readonly value: number; readonly names: readonly string[] };

/** Whether a slot holds a preset (MEMORY.UseFlag). */
export type PresetState = "empty" | "used" | "fixed" | "unknown";

/** One preset (MEMORY, docs/protocols/icharger.md#preset-memory-holding-0x8c00). */
export interface Preset {
  /** Slot number 0..63 (not the list position). */
  readonly slot: number;
  /** MEMORY length in bytes (decides which fields exist). */
  readonly length: number;
  /** UseFlag: empty (0xFFFF), used (0x55AA), fixed (0x0000, factory). */
  readonly state: PresetState;
  /** Preset name. */
  readonly name: string;
  /** Chemistry of the battery type, in the model's numbering. */
  readonly chemistry: Chemistry | undefined;
  /** Every field the MEMORY length holds, by name. */
  readonly values: Readonly<Record<string, PresetValue>>;
  /** Registers as read from 0x8C00. */
  readonly registers: readonly number[];
}

/** A change to a preset: field name to a number in the field's unit, a value name, flag names, or text. */
export type PresetChanges = Readonly<Record<string, number | string | readonly string[]>>;

/** What validation of a preset change needs to know about the model. */
export interface PresetContext {
  /** Battery-type numbering. */
  readonly numbering: BatteryTypeNumbering;
  /** Charge-current limit in A. */
  readonly maxCurrent: number;
  /** Balance-port cells. */
  readonly cells: number;
}

/** UseFlag values. */
export const USE_FLAG = { empty: 0xffff, used: 0x55aa, fixed: 0x0000 } as const;

/** Registers a MEMORY length takes: (len + 1) / 2. */
export function presetRegisterCount(length: number): number {
  return Math.ceil(length / 2);
}

function stateOf(flag: number): PresetState {
  return flag === USE_FLAG.empty ? "empty" : flag === USE_FLAG.used ? "used" : flag === USE_FLAG.fixed ? "fixed" : "unknown";
}

function readRaw(image: Uint8Array, field: PresetField): number {
  const at = field.offset;
  switch (presetFieldSize(field)) {
    case 1:
      return image[at]!;
    case 2:
      return image[at]! | (image[at + 1]! << 8);
    default:
      return (image[at]! | (image[at + 1]! << 8) | (image[at + 2]! << 16)) + image[at + 3]! * 0x1000000;
  }
}

function writeRaw(image: Uint8Array, field: PresetField, raw: number): void {
  const size = presetFieldSize(field);
  for (let i = 0; i < size; i++) image[field.offset + i] = Math.floor(raw / 256 ** i) & 0xff;
}

function decodeField(image: Uint8Array, field: PresetField, numbering: BatteryTypeNumbering): PresetValue {
  if (field.type === "text") return imageText(image, field.offset, field.size ?? 0);
  if (field.type === "bytes") return [...image.subarray(field.offset, field.offset + (field.size ?? 0))];
  const raw = readRaw(image, field);
  if (field.type === "flags8" || field.type === "flags16") {
    const names = Object.entries(field.bits ?? {})
      .filter(([bit]) => (raw & (1 << Number(bit))) !== 0)
      .map(([, name]) => name);
    return { value: raw, names };
  }
  if (field.values === "battery-type") return { value: raw, name: chemistryOfType(numbering, raw) };
  if (field.values) return { value: raw, name: field.values[raw] };
  return applyScale(raw, field.scale);
}

/**
 * Decodes a preset read from 0x8C00. The MEMORY struct has 16-bit fields at odd offsets, so it is
 * decoded from the little-endian byte image of the registers, never register by register.
 *
 * @throws BattError `frame` when fewer registers than the length needs are given.
 */
export function decodePreset(slot: number, registers: readonly number[], length: number, numbering: BatteryTypeNumbering): Preset {
  if (registers.length < presetRegisterCount(length)) {
    throw new BattError("frame", `a ${length}-byte preset needs ${presetRegisterCount(length)} registers, got ${registers.length}`);
  }
  const image = registersToImage(registers).subarray(0, length);
  const values: Record<string, PresetValue> = {};
  for (const field of presetFieldsFor(length)) values[field.name] = decodeField(image, field, numbering);
  const type = (values.type as { value: number }).value;
  return {
    slot,
    length,
    state: stateOf(readRaw(image, presetFieldsFor(length).find((f) => f.name === "useFlag")!)),
    name: values.name as string,
    chemistry: chemistryOfType(numbering, type),
    values,
    registers: [...registers.slice(0, presetRegisterCount(length))],
  };
}

function fail(name: string, why: string): never {
  throw new BattError("invalid-argument", `preset ${name}: ${why}`);
}

function rawFor(field: PresetField, value: unknown, context: PresetContext): number {
  const name = field.name;
  if (field.values === "battery-type") {
    const types = batteryTypes(context.numbering);
    const raw = typeof value === "string" ? typeOfChemistry(context.numbering, value as Chemistry) : typeof value === "number" && types[value] ? value : undefined;
    if (raw === undefined) fail(name, `${String(value)} is not one of ${types.join(", ")}`);
    return raw;
  }
  if (field.values) {
    const table = field.values;
    const raw = typeof value === "string" ? Number(Object.keys(table).find((k) => table[Number(k)] === value) ?? NaN) : typeof value === "number" && table[value] !== undefined ? value : NaN;
    if (!Number.isInteger(raw)) fail(name, `${String(value)} is not one of ${Object.values(table).join(", ")}`);
    return raw;
  }
  if (field.type === "flags8" || field.type === "flags16") {
    const width = field.type === "flags8" ? 8 : 16;
    if (typeof value === "number" && Number.isInteger(value) && value >= 0 && value < 2 ** width) return value;
    if (!Array.isArray(value)) return fail(name, "flags must be a number or a list of flag names");
    let raw = 0;
    for (const flag of value as unknown[]) {
      const bit = Object.entries(field.bits ?? {}).find(([, n]) => n === flag)?.[0];
      if (bit === undefined) fail(name, `unknown flag ${String(flag)} (known: ${Object.values(field.bits ?? {}).join(", ")})`);
      raw |= 1 << Number(bit);
    }
    return raw;
  }
  if (typeof value !== "number" || !Number.isFinite(value)) return fail(name, `${String(value)} is not a number`);
  const max = field.cap === "chargeCurrent" ? context.maxCurrent : field.cap === "cells" ? context.cells : field.max;
  if (field.min !== undefined && value < field.min) fail(name, `${value} is below ${field.min}${field.unit ? ` ${field.unit}` : ""}`);
  if (max !== undefined && value > max) fail(name, `${value} is above ${max}${field.unit ? ` ${field.unit}` : ""}`);
  const exact = field.scale === undefined ? value : value / field.scale;
  const raw = Math.round(exact);
  if (Math.abs(exact - raw) > 1e-6) fail(name, `${value} is not a multiple of ${field.scale ?? 1}${field.unit ? ` ${field.unit}` : ""}`);
  if (field.step !== undefined && raw % field.step !== 0) fail(name, `${value} is not a multiple of ${field.step}`);
  if (raw < 0 || raw >= 256 ** presetFieldSize(field)) fail(name, `${value} does not fit the field`);
  return raw;
}

function encodeText(image: Uint8Array, field: PresetField, value: unknown): void {
  const size = field.size ?? 0;
  if (typeof value !== "string") fail(field.name, "text expected");
  if (value.length > size - 1) fail(field.name, `"${value}" is longer than ${size - 1} characters`);
  image.fill(0, field.offset, field.offset + size);
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code === 0 || code > 0xff) fail(field.name, `character ${JSON.stringify(value[i])} cannot be stored in one byte`);
    image[field.offset + i] = code;
  }
}

/**
 * Applies validated changes to a preset's registers and returns the new registers (nothing is sent).
 * Lithium voltages must keep discharge < storage < charge for the chemistries a change touches.
 *
 * @throws BattError `invalid-argument` for an unknown or read-only field, a value out of range, or an
 *   order violation.
 */
export function applyPresetChanges(registers: readonly number[], length: number, changes: PresetChanges, context: PresetContext): number[] {
  const fields = presetFieldsFor(length);
  const image = registersToImage(registers).slice(0, length);
  for (const [name, value] of Object.entries(changes)) {
    const field = fields.find((f) => f.name === name);
    if (!field) fail(name, `no such field in a ${length}-byte preset`);
    if (field.readOnly) fail(name, "read-only");
    if (field.type === "text") encodeText(image, field, value);
    else writeRaw(image, field, rawFor(field, value, context));
  }
  for (const [chemistry, names] of Object.entries(LITHIUM_VOLTAGE_FIELDS)) {
    if (![names.charge, names.storage, names.discharge].some((n) => n in changes)) continue;
    const get = (n: string): number | undefined => {
      const f = fields.find((x) => x.name === n);
      return f ? readRaw(image, f) : undefined;
    };
    const [c, s, d] = [get(names.charge), get(names.storage), get(names.discharge)];
    if (c !== undefined && s !== undefined && d !== undefined && !(d < s && s < c)) {
      const v = (raw: number): string => `${raw / 1000} V`;
      fail(chemistry, `voltages must satisfy discharge ${v(d)} < storage ${v(s)} < charge ${v(c)}`);
    }
  }
  const out = imageToRegisters(image);
  // Keep the padding byte of an odd length as it was.
  if (length % 2 === 1 && registers.length > out.length - 1) out[out.length - 1] = (out[out.length - 1]! & 0xff) | ((registers[out.length - 1] ?? 0) & 0xff00);
  return out;
}

/** The raw value of one field in a preset's registers (for the driver's own bookkeeping). */
export function presetRaw(registers: readonly number[], length: number, name: string): number | undefined {
  const field = presetFieldsFor(length).find((f) => f.name === name);
  return field ? readRaw(registersToImage(registers), field) : undefined;
}

/** Sets one raw value in a preset's registers without validation (UseFlag bookkeeping). */
export function withPresetRaw(registers: readonly number[], length: number, name: string, raw: number): number[] {
  const field = presetFieldsFor(length).find((f) => f.name === name);
  if (!field) throw new BattError("invalid-argument", `no field ${name} in a ${length}-byte preset`);
  const image = registersToImage(registers);
  writeRaw(image, field, raw);
  return imageToRegisters(image);
}
