import { BattError } from "@batt/core";
import { putWords, readWords, type RegisterFields, type RegisterMap } from "@batt/modbus-rtu";

/**
 * The bytes of one JK-PB block, addressed as the device does: a read at base + byte offset of N
 * registers returns 2N bytes from that offset.
 */
export class PbImage {
  /** The block's bytes. */
  readonly bytes: Uint8Array;

  constructor(
    /** Address of byte 0. */
    readonly base: number,
    size: number,
  ) {
    this.bytes = new Uint8Array(size);
  }

  /** Whether `count` registers from Modbus `address` lie inside the block. */
  contains(address: number, count: number): boolean {
    const offset = address - this.base;
    return offset >= 0 && offset + 2 * count <= this.bytes.length;
  }

  /** `count` registers from Modbus `address`. */
  read(address: number, count: number): number[] {
    return readWords(this.bytes, address - this.base, count);
  }

  /** Stores registers from Modbus `address`. */
  write(address: number, values: readonly number[]): void {
    putWords(this.bytes, address - this.base, ...values);
  }

  /** Stores a named value of `map` (whose addresses are word offsets into this block). */
  set<T extends RegisterFields>(map: RegisterMap<T>, name: keyof T & string, value: unknown): void {
    const write = map.encode(name, value as never);
    putWords(this.bytes, 2 * write.address, ...write.registers);
  }

  /** Decodes the whole block with `map`. */
  decode<T extends RegisterFields>(map: RegisterMap<T>): ReturnType<RegisterMap<T>["decode"]> {
    if (this.bytes.length % 2 !== 0) throw new BattError("invalid-argument", "block of an odd size");
    return map.decode(0, readWords(this.bytes, 0, this.bytes.length / 2));
  }
}
