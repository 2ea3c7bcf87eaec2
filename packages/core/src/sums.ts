function sum(bytes: Uint8Array, start: number, end: number): number {
  let total = 0;
  for (let i = start; i < end; i++) total += bytes[i]!;
  return total;
}

/** Sum of the bytes, modulo 256. */
export function sum8(bytes: Uint8Array, start = 0, end = bytes.length): number {
  return sum(bytes, start, end) & 0xff;
}

/** Sum of the bytes, modulo 65536. */
export function sum16(bytes: Uint8Array, start = 0, end = bytes.length): number {
  return sum(bytes, start, end) & 0xffff;
}

/** Sum of the bytes, modulo 2^32 (as an unsigned number). */
export function sum32(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let total = 0;
  // Reduce as we go so the result is exact for inputs of any length.
  for (let i = start; i < end; i++) total = (total + bytes[i]!) % 0x1_0000_0000;
  return total;
}
