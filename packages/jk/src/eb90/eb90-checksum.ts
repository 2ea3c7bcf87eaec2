import { sum8 } from "@batt/core";

/**
 * The checksum of `55 AA EB 90` frames and `AA 55 90 EB` commands: the sum of every byte before the
 * last, modulo 256 (bytes 0–298 of a frame, 0–18 of a command), stored in the last byte.
 */
export function eb90Checksum(bytes: Uint8Array, start: number, end: number): number {
  return sum8(bytes, start, end);
}
