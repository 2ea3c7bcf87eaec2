import { BattError } from "@batt/core";
import { decodeFieldValue, encodeFieldValue, fieldSize } from "./field-codec.js";
import { planBlockReads, type BlockRead, type PlanOptions } from "./plan-reads.js";
import type { FieldInput, FieldValue, RegisterFields, RegisterValues } from "./register-field.js";

/** Registers read in one block: the first address and the values. */
export interface RegisterBlock {
  /** Address of `registers[0]`. */
  readonly address: number;
  /** The register values. */
  readonly registers: readonly number[];
}

/** Registers to write for one field: the first address and the values (one 0x06 or 0x10 write). */
export interface RegisterWrite {
  /** Address of the first register. */
  readonly address: number;
  /** The values, each 0..65535. */
  readonly registers: number[];
}

/**
 * A register map: named, typed fields as a data table, and the codec between a block read and a
 * typed object. One map describes one table (holding or input registers) of a device.
 * Made by {@link defineRegisterMap}.
 */
export class RegisterMap<T extends RegisterFields> {
  /** Field names, in definition order. */
  readonly names: readonly (keyof T & string)[];

  constructor(
    /** The field table, as given. */
    readonly fields: T,
  ) {
    this.names = Object.keys(fields) as (keyof T & string)[];
    for (const name of this.names) checkField(name, fields[name]!);
  }

  /** Number of registers the field spans. */
  size(name: keyof T & string): number {
    return fieldSize(this.field(name));
  }

  /**
   * Decodes every field from one block read.
   *
   * @throws BattError `invalid-argument` when a field lies (partly) outside the block.
   */
  decode(address: number, registers: readonly number[]): RegisterValues<T> {
    return this.decodeBlocks([{ address, registers }]);
  }

  /**
   * Decodes every field from several block reads (as planned by {@link RegisterMap.planReads}).
   *
   * @throws BattError `invalid-argument` when a field is not covered by the blocks.
   */
  decodeBlocks(blocks: readonly RegisterBlock[]): RegisterValues<T> {
    const out: Partial<Record<keyof T, unknown>> = {};
    for (const name of this.names) {
      const words = wordsFrom(blocks, this.fields[name]!.address, this.size(name));
      if (!words) throw new BattError("invalid-argument", `field ${name} is not covered by the registers read`);
      out[name] = decodeFieldValue(this.fields[name]!, words);
    }
    return out as RegisterValues<T>;
  }

  /** Decodes the fields that lie wholly inside the block and leaves out the rest. */
  decodePartial(address: number, registers: readonly number[]): Partial<RegisterValues<T>> {
    return this.decodePartialBlocks([{ address, registers }]);
  }

  /**
   * Decodes the fields that lie wholly inside one of the blocks and leaves out the rest: for reads
   * that cover part of a map, or blocks of which some were refused.
   *
   * @example map.decodePartialBlocks([{ address: 0x3035, registers: [1] }, { address: 0x304a, registers: [1288, 93, 1198] }])
   */
  decodePartialBlocks(blocks: readonly RegisterBlock[]): Partial<RegisterValues<T>> {
    const out: Partial<Record<keyof T, unknown>> = {};
    for (const name of this.names) {
      const words = wordsFrom(blocks, this.fields[name]!.address, this.size(name));
      if (words) out[name] = decodeFieldValue(this.fields[name]!, words);
    }
    return out as Partial<RegisterValues<T>>;
  }

  /**
   * Decodes one field from a block read.
   *
   * @throws BattError `invalid-argument` when the field lies (partly) outside the block.
   */
  decodeField<K extends keyof T & string>(name: K, address: number, registers: readonly number[]): FieldValue<T[K]> {
    const words = wordsFrom([{ address, registers }], this.field(name).address, this.size(name));
    if (!words) throw new BattError("invalid-argument", `field ${name} is not inside the registers read`);
    return decodeFieldValue(this.field(name), words) as FieldValue<T[K]>;
  }

  /**
   * Encodes a value of one field into the registers to write, checking its range first.
   *
   * @throws BattError `invalid-argument` for a value the field cannot hold or its `min`/`max` forbid.
   */
  encode<K extends keyof T & string>(name: K, value: FieldInput<T[K]>): RegisterWrite {
    const field = this.field(name);
    return { address: field.address, registers: encodeFieldValue(name, field, value) };
  }

  /**
   * Encodes named field values into the registers of one block write (one FC 0x10 request), each
   * checked as by {@link RegisterMap.encode}; registers no given field covers are 0.
   *
   * @throws BattError `invalid-argument` for a value a field refuses, or a field that lies (partly)
   *   outside the block.
   * @example map.encodeBlock({ address: 0x061e, count: 6 }, { rtcSeconds: 0, rtcMinutes: 30, rtcHours: 12 })
   *   // { address: 0x061e, registers: [0, 30, 12, 0, 0, 0] }
   */
  encodeBlock(block: { readonly address: number; readonly count: number }, values: { readonly [K in keyof T & string]?: FieldInput<T[K]> }): RegisterWrite {
    if (!(Number.isInteger(block.count) && block.count >= 1 && Number.isInteger(block.address) && block.address >= 0 && block.address + block.count <= 0x10000)) {
      throw new BattError("invalid-argument", `block of ${block.count} registers at ${block.address} does not fit 0..65535`);
    }
    const registers = new Array<number>(block.count).fill(0);
    for (const name of Object.keys(values) as (keyof T & string)[]) {
      const value = values[name];
      if (value === undefined) continue;
      const write = this.encode(name, value);
      const offset = write.address - block.address;
      if (offset < 0 || offset + write.registers.length > block.count) {
        throw new BattError("invalid-argument", `field ${name} lies outside the block at 0x${block.address.toString(16)}`);
      }
      registers.splice(offset, write.registers.length, ...write.registers);
    }
    return { address: block.address, registers };
  }

  /** Groups the fields (all, or the named ones) into block reads; see {@link planBlockReads}. */
  planReads(options: PlanOptions & { readonly names?: readonly (keyof T & string)[] } = {}): BlockRead[] {
    const names = options.names ?? this.names;
    return planBlockReads(
      names.map((name) => ({ name, address: this.field(name).address, size: this.size(name) })),
      options,
    );
  }

  private field<K extends keyof T & string>(name: K): T[K] {
    const field = this.fields[name];
    if (!field) throw new BattError("invalid-argument", `no field ${name} in the register map`);
    return field;
  }
}

/**
 * Defines a register map from a field table. Field names and enum/flag names are kept as literal
 * types, so decoded objects are typed.
 *
 * @throws BattError `invalid-argument` for a field that does not fit the address space or is malformed.
 * @example
 * ```ts
 * const input = defineRegisterMap({
 *   voltageL1: { address: 0x0000, type: "u16", scale: 0.01, unit: "V" },
 *   energyTotal: { address: 0x0010, type: "u32", wordOrder: "high-first", scale: 0.1, unit: "kWh" },
 *   state: { address: 0x001d, type: "enum", values: { 0: "Available", 2: "Charging" } },
 * });
 * const values = input.decode(0x0000, registers); // values.state.name: "Available" | "Charging" | undefined
 * ```
 */
export function defineRegisterMap<const T extends RegisterFields>(fields: T): RegisterMap<T> {
  return new RegisterMap(fields);
}

function wordsFrom(blocks: readonly RegisterBlock[], address: number, size: number): readonly number[] | undefined {
  for (const block of blocks) {
    const offset = address - block.address;
    if (offset >= 0 && offset + size <= block.registers.length) return block.registers.slice(offset, offset + size);
  }
  return undefined;
}

function checkField(name: string, field: RegisterFields[string]): void {
  const fail = (why: string): never => {
    throw new BattError("invalid-argument", `register map field ${name}: ${why}`);
  };
  const size = fieldSize(field);
  if (!Number.isInteger(field.address) || field.address < 0 || field.address + size > 0x10000) {
    fail(`address ${field.address} with ${size} registers does not fit 0..65535`);
  }
  if (field.type === "string" && !(Number.isInteger(field.length) && field.length >= 1)) fail(`length ${field.length} must be a positive integer`);
  if ("scale" in field && field.scale !== undefined && !(field.scale > 0 && Number.isFinite(field.scale))) fail(`scale ${field.scale} must be positive`);
  if ((field.type === "u32" || field.type === "s32" || (field.type === "flags" && field.words === 2)) && !["high-first", "low-first"].includes(field.wordOrder)) {
    fail("a 32-bit field needs a wordOrder");
  }
  if (field.type === "flags") {
    const width = 16 * (field.words ?? 1);
    for (const bit of Object.keys(field.bits)) if (!(Number(bit) >= 0 && Number(bit) < width)) fail(`bit ${bit} is outside 0..${width - 1}`);
  }
}
