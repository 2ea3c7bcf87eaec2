import { BattError } from "@batt/core";

/** Where a table of a {@link RegisterBank} lives: a size from address 0, or a first address and a size. */
export type TableLayout = number | { readonly start: number; readonly size: number };

/** Common part of {@link BitTable} and {@link RegisterTable}: the address range and its checks. */
abstract class AddressRange {
  /** First address. */
  readonly start: number;
  /** Number of entries. */
  readonly size: number;

  constructor(layout: TableLayout = 0) {
    const { start, size } = typeof layout === "number" ? { start: 0, size: layout } : layout;
    if (!Number.isInteger(start) || !Number.isInteger(size) || start < 0 || size < 0 || start + size > 0x10000) {
      throw new BattError("invalid-argument", `table of ${size} entries at ${start} does not fit the 0..65535 address space`);
    }
    this.start = start;
    this.size = size;
  }

  /** Whether `count` entries from `address` are all in the table. */
  contains(address: number, count = 1): boolean {
    return Number.isInteger(address) && Number.isInteger(count) && count >= 0 && address >= this.start && address + count <= this.start + this.size;
  }

  /** Position of `address` in the table; throws `invalid-argument` unless `count` entries from it are all in the table. */
  protected index(address: number, count: number): number {
    if (!this.contains(address, count)) {
      throw new BattError(
        "invalid-argument",
        `addresses ${address}..${address + count - 1} are outside the table (${this.start}..${this.start + this.size - 1})`,
      );
    }
    return address - this.start;
  }
}

/** A table of coils or discrete inputs. Out-of-range access throws `invalid-argument`. */
export class BitTable extends AddressRange {
  private readonly bits: Uint8Array;

  constructor(layout?: TableLayout) {
    super(layout);
    this.bits = new Uint8Array(this.size);
  }

  /** One bit. */
  get(address: number): boolean {
    return this.bits[this.index(address, 1)] === 1;
  }

  /** Sets one bit. */
  set(address: number, value: boolean): void {
    this.bits[this.index(address, 1)] = value ? 1 : 0;
  }

  /** `count` bits from `address`. */
  read(address: number, count: number): boolean[] {
    const at = this.index(address, count);
    return Array.from(this.bits.subarray(at, at + count), (b) => b === 1);
  }

  /** Sets bits from `address`. */
  write(address: number, values: readonly boolean[]): void {
    const at = this.index(address, values.length);
    values.forEach((v, i) => (this.bits[at + i] = v ? 1 : 0));
  }
}

/** A table of 16-bit registers. Out-of-range access or values outside 0..65535 throw `invalid-argument`. */
export class RegisterTable extends AddressRange {
  private readonly words: Uint16Array;

  constructor(layout?: TableLayout) {
    super(layout);
    this.words = new Uint16Array(this.size);
  }

  /** One register. */
  get(address: number): number {
    return this.words[this.index(address, 1)]!;
  }

  /** Sets one register (0..65535). */
  set(address: number, value: number): void {
    this.write(address, [value]);
  }

  /** `count` registers from `address`. */
  read(address: number, count: number): number[] {
    const at = this.index(address, count);
    return Array.from(this.words.subarray(at, at + count));
  }

  /** Sets registers from `address` (each 0..65535); nothing is changed if one is out of range. */
  write(address: number, values: readonly number[]): void {
    const at = this.index(address, values.length);
    values.forEach((v, i) => {
      if (!Number.isInteger(v) || v < 0 || v > 0xffff) throw new BattError("invalid-argument", `register value [${i}] ${v} is outside 0..65535`);
    });
    this.words.set(values, at);
  }
}
