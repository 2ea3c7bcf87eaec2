import { BattError, ByteWriter } from "@batt/core";
import { jkChecksum } from "./checksum.js";
import { JK_END_BYTE, JK_FRAME_OVERHEAD, JK_STX, JkCommand, JkSource, JkTransmission, type JkTransmissionName } from "./constants.js";

/** What {@link encodeJkFrame} builds a frame from. */
export interface JkFrameInput {
  /** Command word. */
  readonly command: number;
  /** Frame source (default {@link JkSource.Pc}). */
  readonly source?: number;
  /** Transmission type (default `request`). */
  readonly transmission?: JkTransmissionName;
  /** Information field. */
  readonly info: Uint8Array | readonly number[];
  /** Terminal number (default 0). */
  readonly terminal?: number;
  /** Record number (default 0). */
  readonly record?: number;
}

/**
 * Builds a complete 4E57 frame: STX, LENGTH (every byte but the STX), terminal, command, source,
 * transmission type, information field, record number, `68`, and the byte sum as a big-endian u32
 * whose high half is zero.
 *
 * @throws BattError `invalid-argument` for an empty information field or a field that does not fit.
 */
export function encodeJkFrame(input: JkFrameInput): Uint8Array {
  const info = input.info instanceof Uint8Array ? input.info : Uint8Array.from(input.info);
  if (info.length === 0) throw new BattError("invalid-argument", "a 4E57 frame needs at least one information byte");
  const length = info.length + JK_FRAME_OVERHEAD - 2;
  if (length > 0xffff) throw new BattError("invalid-argument", `information field of ${info.length} bytes is too long`);
  const w = new ByteWriter(length + 2)
    .bytes(JK_STX)
    .u16(length)
    .u32(input.terminal ?? 0)
    .u8(input.command)
    .u8(input.source ?? JkSource.Pc)
    .u8(JkTransmission[input.transmission ?? "request"])
    .bytes(info)
    .u32(input.record ?? 0)
    .u8(JK_END_BYTE);
  const frame = w.toBytes();
  // The high half is "reserved, fill 0" (docs/protocols/jk.md#checksum); receivers compare the low 16 bits.
  return new ByteWriter(frame.length + 4).bytes(frame).u16(0).u16(jkChecksum(frame, frame.length) & 0xffff).toBytes();
}

/** Read every identifier (command 06). The reply carries the whole table. */
export function encodeReadAllRequest(source: number = JkSource.Pc): Uint8Array {
  return encodeJkFrame({ command: JkCommand.ReadAll, source, info: [0x00] });
}

/** Read one identifier (command 03); identifier 0 asks for everything, answered with command 03. */
export function encodeReadRequest(identifier: number, source: number = JkSource.Pc): Uint8Array {
  return encodeJkFrame({ command: JkCommand.Read, source, info: [checkByte(identifier, "identifier")] });
}

/** Write `value` (already encoded, big-endian) to `identifier` (command 02). */
export function encodeWriteRequest(identifier: number, value: Uint8Array, source: number = JkSource.Pc): Uint8Array {
  if (value.length === 0) throw new BattError("invalid-argument", "a write needs a value");
  return encodeJkFrame({ command: JkCommand.Write, source, info: [checkByte(identifier, "identifier"), ...value] });
}

/**
 * The password / pairing frame (command 05) that precedes writes. The BMS does not answer it and
 * ignores its identifier; the layout is the one known to work (identifier 0, one zero byte).
 */
export function encodePasswordRequest(source: number = JkSource.Pc): Uint8Array {
  return encodeJkFrame({ command: JkCommand.Password, source, info: [0x00, 0x00] });
}

/** The activation frame (command 01) that wakes a hibernating BMS. */
export function encodeActivateRequest(source: number = JkSource.Pc): Uint8Array {
  return encodeJkFrame({ command: JkCommand.Activate, source, info: [0x00] });
}

/** A reply frame from the BMS (source 00, transmission 01) carrying `info`; used by the simulator. */
export function encodeJkReply(command: number, info: Uint8Array | readonly number[]): Uint8Array {
  return encodeJkFrame({ command, source: JkSource.Bms, transmission: "response", info });
}

function checkByte(value: number, what: string): number {
  if (!Number.isInteger(value) || value < 0 || value > 0xff) throw new BattError("invalid-argument", `${what} must be a byte: ${value}`);
  return value;
}
