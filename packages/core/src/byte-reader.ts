import { BattError } from "./errors.js";

/** Byte order of a multi-byte field. */
export type Endian = "be" | "le";

/**
 * Sequential, bounds-checked reads over a byte array (big-endian unless told otherwise).
 * Reading past the end throws a `frame` {@link BattError} instead of returning `undefined`.
 */
export class ByteReader {
  private readonly view: DataView;
  /** Current position, in bytes from the start of the array given to the constructor. */
  offset: number;

  constructor(
    /** The bytes being read. */
    readonly bytes: Uint8Array,
    offset = 0,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.offset = offset;
  }

  /** Bytes left after {@link ByteReader.offset}. */
  get remaining(): number {
    return this.bytes.length - this.offset;
  }

  private take(n: number): number {
    if (n < 0 || this.offset + n > this.bytes.length) {
      throw new BattError("frame", `read of ${n} byte(s) at offset ${this.offset} runs past the end (${this.bytes.length})`, {
        context: { raw: this.bytes },
      });
    }
    const at = this.offset;
    this.offset += n;
    return at;
  }

  /** Unsigned 8-bit. */
  u8(): number {
    return this.view.getUint8(this.take(1));
  }
  /** Signed 8-bit. */
  s8(): number {
    return this.view.getInt8(this.take(1));
  }
  /** Unsigned 16-bit. */
  u16(endian: Endian = "be"): number {
    return this.view.getUint16(this.take(2), endian === "le");
  }
  /** Signed 16-bit (two's complement). */
  s16(endian: Endian = "be"): number {
    return this.view.getInt16(this.take(2), endian === "le");
  }
  /** Unsigned 32-bit. */
  u32(endian: Endian = "be"): number {
    return this.view.getUint32(this.take(4), endian === "le");
  }
  /** Signed 32-bit (two's complement). */
  s32(endian: Endian = "be"): number {
    return this.view.getInt32(this.take(4), endian === "le");
  }
  /** `n` bytes as a view into the underlying array (not a copy). */
  bytesView(n: number): Uint8Array {
    const at = this.take(n);
    return this.bytes.subarray(at, at + n);
  }
  /** Skips `n` bytes. */
  skip(n: number): this {
    this.take(n);
    return this;
  }
}
