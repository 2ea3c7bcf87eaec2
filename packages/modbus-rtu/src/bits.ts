/** Packs booleans into bytes, first value in bit 0 of the first byte (Modbus coil order); pad bits are 0. */
export function packBits(values: readonly boolean[]): Uint8Array {
  const out = new Uint8Array(Math.ceil(values.length / 8));
  for (let i = 0; i < values.length; i++) if (values[i]) out[i >> 3]! |= 1 << (i & 7);
  return out;
}

/** Unpacks `count` booleans from bytes packed as by {@link packBits}. */
export function unpackBits(bytes: Uint8Array, count: number, offset = 0): boolean[] {
  const out = new Array<boolean>(count);
  for (let i = 0; i < count; i++) out[i] = ((bytes[offset + (i >> 3)] ?? 0) & (1 << (i & 7))) !== 0;
  return out;
}
