import { sum32 } from "@batt/core";

/**
 * The 4E57 checksum: the arithmetic sum of every byte from STX through the `68` end byte, as an
 * unsigned 32-bit number. The vendor calls the high half a CRC "temporarily unused, fill 0"; every
 * known implementation compares the low 16 bits only.
 */
export function jkChecksum(frame: Uint8Array, end: number): number {
  return sum32(frame, 0, end);
}
