/** Reads `count` big-endian 16-bit words starting at `offset`. */
export function readWords(bytes: Uint8Array, offset: number, count: number): number[] {
  const out = new Array<number>(count);
  for (let i = 0; i < count; i++) out[i] = (bytes[offset + 2 * i]! << 8) | bytes[offset + 2 * i + 1]!;
  return out;
}

/** Writes big-endian 16-bit words into `bytes` starting at `offset`. */
export function putWords(bytes: Uint8Array, offset: number, ...values: number[]): void {
  for (let i = 0; i < values.length; i++) {
    bytes[offset + 2 * i] = values[i]! >> 8;
    bytes[offset + 2 * i + 1] = values[i]! & 0xff;
  }
}
