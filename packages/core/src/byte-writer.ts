import type { Endian } from "./byte-reader.js";
import { BattError } from "./errors.js";

function checkInt(value: number, min: number, max: number, what: string): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new BattError("invalid-argument", `${what} out of range ${min}..${max}: ${value}`);
  }
}

/**
 * Appends fields to a growing byte array (big-endian unless told otherwise).
 * Values that do not fit the field throw `invalid-argument` rather than wrapping silently.
 */
export class ByteWriter {
  private buffer: Uint8Array;
  private view: DataView;
  private length = 0;

  constructor(initialCapacity = 32) {
    this.buffer = new Uint8Array(Math.max(1, initialCapacity));
    this.view = new DataView(this.buffer.buffer);
  }

  // Callers must reserve before touching `buffer` or `view`: growing replaces both.
  private reserve(n: number): number {
    const at = this.length;
    const needed = at + n;
    if (needed > this.buffer.length) {
      const grown = new Uint8Array(Math.max(needed, this.buffer.length * 2));
      grown.set(this.buffer.subarray(0, at));
      this.buffer = grown;
      this.view = new DataView(grown.buffer);
    }
    this.length = needed;
    return at;
  }

  /** Unsigned 8-bit. */
  u8(value: number): this {
    checkInt(value, 0, 0xff, "u8");
    const at = this.reserve(1);
    this.view.setUint8(at, value);
    return this;
  }
  /** Signed 8-bit. */
  s8(value: number): this {
    checkInt(value, -0x80, 0x7f, "s8");
    const at = this.reserve(1);
    this.view.setInt8(at, value);
    return this;
  }
  /** Unsigned 16-bit. */
  u16(value: number, endian: Endian = "be"): this {
    checkInt(value, 0, 0xffff, "u16");
    const at = this.reserve(2);
    this.view.setUint16(at, value, endian === "le");
    return this;
  }
  /** Signed 16-bit. */
  s16(value: number, endian: Endian = "be"): this {
    checkInt(value, -0x8000, 0x7fff, "s16");
    const at = this.reserve(2);
    this.view.setInt16(at, value, endian === "le");
    return this;
  }
  /** Unsigned 32-bit. */
  u32(value: number, endian: Endian = "be"): this {
    checkInt(value, 0, 0xffff_ffff, "u32");
    const at = this.reserve(4);
    this.view.setUint32(at, value, endian === "le");
    return this;
  }
  /** Signed 32-bit. */
  s32(value: number, endian: Endian = "be"): this {
    checkInt(value, -0x8000_0000, 0x7fff_ffff, "s32");
    const at = this.reserve(4);
    this.view.setInt32(at, value, endian === "le");
    return this;
  }
  /** Raw bytes. */
  bytes(data: Uint8Array): this {
    const at = this.reserve(data.length);
    this.buffer.set(data, at);
    return this;
  }
  /** Bytes written so far. */
  get size(): number {
    return this.length;
  }
  /** A copy of what was written. */
  toBytes(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }
}
