import { sum16 } from "@batt/core";

/**
 * The JBD checksum of `bytes[start, end)`: `(0x10000 − Σ bytes) & 0xFFFF`.
 *
 * In a frame the sum runs from the third byte to the end of the data (request: register, length,
 * data; response: status, length, data). Masked to 16 bits, so an all-zero sum gives `00 00`.
 *
 * @example jbdChecksum(Uint8Array.of(0x03, 0x00)) === 0xfffd
 */
export function jbdChecksum(bytes: Uint8Array, start = 0, end = bytes.length): number {
  return (0x10000 - sum16(bytes, start, end)) & 0xffff;
}
