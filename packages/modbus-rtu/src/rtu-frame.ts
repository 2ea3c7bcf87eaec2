import { BattError, crc16Modbus } from "@batt/core";
import type { RtuFrame } from "./frame.js";

/** Smallest RTU frame: unit, function code, CRC (2). */
export const RTU_MIN_FRAME = 4;
/** Largest RTU frame (ADU) the serial line specification allows. */
export const RTU_MAX_FRAME = 256;
/** Bytes an RTU frame adds around the PDU: unit id before, CRC after. */
export const RTU_OVERHEAD = 3;

/**
 * Encodes an RTU frame: unit id, PDU, CRC-16/MODBUS low byte first.
 *
 * @example encodeRtuFrame(1, fromHex("03 00 00 00 01")) // 01 03 00 00 00 01 84 0a
 */
export function encodeRtuFrame(unit: number, pdu: Uint8Array): Uint8Array {
  const out = new Uint8Array(pdu.length + RTU_OVERHEAD);
  out[0] = unit;
  out.set(pdu, 1);
  const crc = crc16Modbus(out, 0, out.length - 2);
  out[out.length - 2] = crc & 0xff;
  out[out.length - 1] = crc >> 8;
  return out;
}

/** Whether the first `length` bytes of `bytes` end in their own CRC-16/MODBUS (low byte first). */
export function hasValidCrc(bytes: Uint8Array, length: number): boolean {
  if (length < RTU_MIN_FRAME || length > bytes.length) return false;
  const crc = crc16Modbus(bytes, 0, length - 2);
  return bytes[length - 2] === (crc & 0xff) && bytes[length - 1] === crc >> 8;
}

/** Whether the `length` bytes from `bytes[at]` end in their own CRC-16/MODBUS (false when they have not all arrived). */
export function crcMatchesAt(bytes: Uint8Array, at: number, length: number): boolean {
  if (length < RTU_MIN_FRAME || at + length > bytes.length) return false;
  const crc = crc16Modbus(bytes, at, at + length - 2);
  return bytes[at + length - 2] === (crc & 0xff) && bytes[at + length - 1] === crc >> 8;
}

/** The frame held by the first `length` bytes, whose CRC the caller has checked. */
export function rtuFrameAt(bytes: Uint8Array, length: number): RtuFrame {
  return { framing: "rtu", unit: bytes[0]!, pdu: bytes.slice(1, length - 2) };
}

/**
 * Decodes one complete RTU frame, checking its CRC first.
 *
 * @throws BattError `frame` when shorter than 4 bytes, `checksum` when the CRC does not match.
 */
export function decodeRtuFrame(bytes: Uint8Array): RtuFrame {
  if (bytes.length < RTU_MIN_FRAME) {
    throw new BattError("frame", `RTU frame of ${bytes.length} bytes is shorter than ${RTU_MIN_FRAME}`, { context: { raw: bytes } });
  }
  if (!hasValidCrc(bytes, bytes.length)) throw new BattError("checksum", "RTU frame CRC mismatch", { context: { raw: bytes } });
  return rtuFrameAt(bytes, bytes.length);
}
