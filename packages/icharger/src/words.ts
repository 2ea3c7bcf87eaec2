/**
 * Word and byte helpers for the iCharger's register layout (docs/protocols/icharger.md#byte-and-word-order): registers are big-endian
 * on the wire, but Junsi's structs are little-endian images of them, so 32-bit values keep their low
 * word in the lower register and byte arrays keep byte 2k in the low byte of register k.
 */

/** A register as a signed 16-bit number. */
export function s16(word: number): number {
  return word >= 0x8000 ? word - 0x10000 : word;
}

/** Unsigned 32-bit value of registers `n` (low word) and `n + 1` (high word). */
export function u32LowFirst(registers: readonly number[], n: number): number {
  return ((registers[n + 1] ?? 0) * 0x10000 + (registers[n] ?? 0)) >>> 0;
}

/** Signed 32-bit value of registers `n` (low word) and `n + 1` (high word). */
export function s32LowFirst(registers: readonly number[], n: number): number {
  return u32LowFirst(registers, n) | 0;
}

/** Splits a 32-bit value (signed or unsigned) into `[low word, high word]`. */
export function splitU32LowFirst(value: number): [number, number] {
  const raw = value >>> 0;
  return [raw & 0xffff, Math.floor(raw / 0x10000) & 0xffff];
}

/** The little-endian byte image of registers: register k gives bytes 2k (low) and 2k+1 (high). */
export function registersToImage(registers: readonly number[]): Uint8Array {
  const image = new Uint8Array(2 * registers.length);
  registers.forEach((word, k) => {
    image[2 * k] = word & 0xff;
    image[2 * k + 1] = (word >> 8) & 0xff;
  });
  return image;
}

/** Registers from a little-endian byte image (an odd length is padded with a zero byte). */
export function imageToRegisters(image: Uint8Array): number[] {
  const registers = new Array<number>(Math.ceil(image.length / 2));
  for (let k = 0; k < registers.length; k++) registers[k] = (image[2 * k] ?? 0) | ((image[2 * k + 1] ?? 0) << 8);
  return registers;
}

/** Text of a NUL-terminated 8-bit string in a byte image (latin-1; cut at the first NUL). */
export function imageText(image: Uint8Array, offset: number, length: number): string {
  let text = "";
  for (let i = offset; i < offset + length && i < image.length; i++) {
    const code = image[i]!;
    if (code === 0) break;
    text += String.fromCharCode(code);
  }
  return text;
}

/** Text of registers holding a pair-swapped string (serial number, preset name). */
export function swappedText(registers: readonly number[]): string {
  return imageText(registersToImage(registers), 0, 2 * registers.length);
}
