import { BattError } from "@batt/core";
import { eb90Checksum } from "./eb90-checksum.js";
import { Eb90Command, EB90_COMMAND_HEADER, EB90_COMMAND_LENGTH } from "./eb90-constants.js";

/**
 * Encodes one `AA 55 90 EB` command (20 bytes, docs/protocols/jk.md#commands-to-the-bms): register at byte 4, value length at byte 5, the value
 * little-endian in bytes 6–9, zeros up to byte 18, and the sum of bytes 0–18 modulo 256 in byte 19.
 * Reads are registers 0x96 (cell info) and 0x97 (device info) with length 0; writes carry a setting's
 * register and its raw value (switches: length 4, value 0 or 1 on JK02; length 1 on JK04).
 *
 * @throws BattError `invalid-argument` for a register, length or value out of range.
 */
export function encodeEb90Command(register: number, value = 0, length = 0): Uint8Array {
  if (!Number.isInteger(register) || register < 0 || register > 0xff) throw new BattError("invalid-argument", `command register must be a byte, got ${register}`);
  if (!Number.isInteger(length) || length < 0 || length > 4) throw new BattError("invalid-argument", `command value length must be 0..4, got ${length}`);
  if (!Number.isInteger(value) || value < -0x80000000 || value > 0xffffffff) throw new BattError("invalid-argument", `command value must be a 32-bit integer, got ${value}`);
  const frame = new Uint8Array(EB90_COMMAND_LENGTH);
  frame.set(EB90_COMMAND_HEADER, 0);
  frame[4] = register;
  frame[5] = length;
  new DataView(frame.buffer).setUint32(6, value >>> 0, true);
  frame[EB90_COMMAND_LENGTH - 1] = eb90Checksum(frame, 0, EB90_COMMAND_LENGTH - 1);
  return frame;
}

/** The command that asks for the device info frame (0x97). */
export function encodeDeviceInfoCommand(): Uint8Array {
  return encodeEb90Command(Eb90Command.DeviceInfo);
}

/** The command that asks for cell info frames (0x96). */
export function encodeCellInfoCommand(): Uint8Array {
  return encodeEb90Command(Eb90Command.CellInfo);
}

/** A decoded command: register, value length and value. */
export interface Eb90CommandFields {
  /** Register (byte 4). */
  readonly register: number;
  /** Value length (byte 5). */
  readonly length: number;
  /** Value (bytes 6–9, little-endian, unsigned). */
  readonly value: number;
}

/**
 * Decodes a 20-byte command (what the simulator receives).
 *
 * @throws BattError `frame` for a wrong size or header, `checksum` for a bad sum.
 */
export function decodeEb90Command(bytes: Uint8Array): Eb90CommandFields {
  if (bytes.length !== EB90_COMMAND_LENGTH || EB90_COMMAND_HEADER.some((b, i) => bytes[i] !== b)) {
    throw new BattError("frame", `an AA 55 90 EB command has ${EB90_COMMAND_LENGTH} bytes starting AA 55 90 EB`, { context: { raw: bytes } });
  }
  if (eb90Checksum(bytes, 0, EB90_COMMAND_LENGTH - 1) !== bytes[EB90_COMMAND_LENGTH - 1]) throw new BattError("checksum", "command checksum does not match", { context: { raw: bytes } });
  return { register: bytes[4]!, length: bytes[5]!, value: new DataView(bytes.buffer, bytes.byteOffset, bytes.length).getUint32(6, true) };
}
