import { crc16Modbus, INCOMPLETE, invalid, type FrameParser, type ParseResult } from "@batt/core";
import { EB90_HEADER } from "../eb90/eb90-constants.js";
import { eb90Parser } from "../eb90/eb90-parser.js";
import type { JkPbBusToken } from "./pb-bus-token.js";

/** Highest DIP address of a JK-PB (0 is the master). */
const MAX_ADDRESS = 0x0f;
/** Largest FC 0x10 request: 123 registers (Modbus limit). */
const MAX_WRITE_BYTES = 246;

/** Whether a byte can start a token: the frame header's first byte or a bus address. */
function canStart(byte: number): boolean {
  return byte === EB90_HEADER[0] || byte <= MAX_ADDRESS;
}

/** Where the next token could start after offset 0 (in one step), or the end of the buffer. */
function nextStart(buffer: Uint8Array): number {
  for (let at = 1; at < buffer.length; at++) if (canStart(buffer[at]!)) return at;
  return buffer.length;
}

function crcOk(buffer: Uint8Array, length: number): boolean {
  const crc = crc16Modbus(buffer, 0, length - 2);
  return buffer[length - 2] === (crc & 0xff) && buffer[length - 1] === crc >> 8;
}

const word = (buffer: Uint8Array, at: number): number => (buffer[at]! << 8) | buffer[at + 1]!;

/**
 * The tokens of a JK-PB bus (docs/protocols/jk.md#jk-pb-on-rs-485-triggers): `55 AA EB 90` frames, FC 0x10
 * requests and acknowledgements and exception replies of addresses 0..15, each verified (frame sum,
 * Modbus CRC) before it is returned. Other bytes (the `00` some packs put around their
 * acknowledgement, noise) are dropped up to the next byte that can start a token, in one step. An
 * 8-byte acknowledgement and an 11-byte request share their first bytes: the CRC tells them apart.
 */
export const jkPbBusParser: FrameParser<JkPbBusToken> = {
  parse(buffer: Uint8Array): ParseResult<JkPbBusToken> {
    const first = buffer[0]!;
    if (first === EB90_HEADER[0]) {
      const result = eb90Parser.parse(buffer);
      return result.kind === "frame" ? { kind: "frame", frame: { kind: "frame", frame: result.frame }, length: result.length } : result;
    }
    if (first > MAX_ADDRESS) return invalid(nextStart(buffer), "frame", "not a bus token");
    if (buffer.length < 2) return INCOMPLETE;
    const fc = buffer[1]!;
    if ((fc & 0x80) !== 0 && (fc & 0x7f) === 0x10) {
      if (buffer.length < 5) return INCOMPLETE;
      if (crcOk(buffer, 5)) return { kind: "frame", frame: { kind: "exception", address: first, functionCode: fc & 0x7f, code: buffer[2]! }, length: 5 };
      return invalid(nextStart(buffer), "checksum", "exception reply with a bad CRC");
    }
    if (fc !== 0x10) return invalid(nextStart(buffer), "frame", "not an FC 0x10 request or acknowledgement");
    if (buffer.length < 8) return INCOMPLETE;
    if (crcOk(buffer, 8)) return { kind: "frame", frame: { kind: "ack", address: first, register: word(buffer, 2), count: word(buffer, 4) }, length: 8 };
    const count = word(buffer, 4);
    const bytes = buffer[6]!;
    if (bytes !== 2 * count || bytes === 0 || bytes > MAX_WRITE_BYTES) return invalid(nextStart(buffer), "frame", "FC 0x10 with an implausible byte count");
    const total = 9 + bytes;
    if (buffer.length < total) return INCOMPLETE;
    if (!crcOk(buffer, total)) return invalid(nextStart(buffer), "checksum", "FC 0x10 request with a bad CRC");
    const values = Array.from({ length: count }, (_, i) => word(buffer, 7 + 2 * i));
    return { kind: "frame", frame: { kind: "request", address: first, register: word(buffer, 2), values }, length: total };
  },
};
