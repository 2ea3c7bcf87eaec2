import { BattError, crc16Modbus } from "@batt/core";
import { PACKET_BYTES } from "./upgrade-registers.js";

/** A firmware file to upload. */
export interface FirmwareImage {
  /** File name sent to the charger (printable ASCII, at most 50 characters), e.g. `EVC_ARM_V1.22.usb`. */
  readonly name: string;
  /** The file's bytes. */
  readonly data: Uint8Array;
  /** CRC-16/MODBUS the file should have (from its release notes or manifest); checked before anything is sent. */
  readonly expectedChecksum?: number;
  /** Size in bytes the file should have; checked before anything is sent. */
  readonly expectedSize?: number;
}

/** What {@link verifyImage} established. */
export interface VerifiedImage {
  /** The file name. */
  readonly name: string;
  /** The bytes. */
  readonly data: Uint8Array;
  /** CRC-16/MODBUS of the whole file (the document's file checksum). */
  readonly checksum: number;
  /** Number of 240-byte packets. */
  readonly packets: number;
}

/** Largest file accepted by default, bytes (the document's example file is 570 kB). */
export const DEFAULT_MAX_IMAGE_BYTES = 4 * 1024 * 1024;

/** Longest file name: 25 registers of two characters. */
export const MAX_FILE_NAME = 50;

/**
 * Checks a firmware image before the upgrade touches the charger: a non-empty file within the
 * size limit, a printable-ASCII name that fits 0x30AA–0x30C2, and the expected size and
 * CRC-16/MODBUS when given. Nothing may be erased for a bad file (docs/protocols/evcharger.md#upgrade-procedure).
 *
 * @throws BattError `invalid-argument` for an empty, oversized or badly named file or a size
 *   mismatch, `checksum` when the CRC differs from the expected one.
 */
export function verifyImage(image: FirmwareImage, maxBytes = DEFAULT_MAX_IMAGE_BYTES): VerifiedImage {
  const { name, data } = image;
  if (!(data instanceof Uint8Array) || data.length === 0) throw new BattError("invalid-argument", "firmware image is empty");
  if (data.length > maxBytes) throw new BattError("invalid-argument", `firmware image of ${data.length} bytes exceeds ${maxBytes} bytes`);
  if (typeof name !== "string" || name.length === 0 || name.length > MAX_FILE_NAME || !/^[\x20-\x7e]+$/.test(name)) {
    throw new BattError("invalid-argument", `firmware file name must be 1..${MAX_FILE_NAME} printable ASCII characters, got ${JSON.stringify(name)}`);
  }
  if (image.expectedSize !== undefined && image.expectedSize !== data.length) {
    throw new BattError("invalid-argument", `firmware image is ${data.length} bytes, expected ${image.expectedSize}`);
  }
  const checksum = crc16Modbus(data, 0, data.length);
  if (image.expectedChecksum !== undefined && image.expectedChecksum !== checksum) {
    throw new BattError("checksum", `firmware image CRC-16 is 0x${hex4(checksum)}, expected 0x${hex4(image.expectedChecksum)}: the file is damaged or not the one intended`, {
      context: { checksum, expected: image.expectedChecksum },
    });
  }
  return { name, data, checksum, packets: Math.ceil(data.length / PACKET_BYTES) };
}

/** The 120 data registers of packet `index` (0-based): file bytes in order, high byte first, the last packet zero-padded. */
export function packetRegisters(data: Uint8Array, index: number): number[] {
  const start = index * PACKET_BYTES;
  const out = new Array<number>(PACKET_BYTES / 2);
  for (let i = 0; i < out.length; i++) out[i] = ((data[start + 2 * i] ?? 0) << 8) | (data[start + 2 * i + 1] ?? 0);
  return out;
}

function hex4(n: number): string {
  return n.toString(16).padStart(4, "0");
}
