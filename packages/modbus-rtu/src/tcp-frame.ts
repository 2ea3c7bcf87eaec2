import { BattError, INCOMPLETE, invalid, type FrameParser, type ParseResult } from "@batt/core";
import type { TcpFrame } from "./frame.js";

/** MBAP header size: transaction id (2), protocol id (2), length (2), unit id (1). */
export const MBAP_HEADER_LENGTH = 7;
/** Largest MBAP length field: unit id plus a PDU of at most 253 bytes. */
export const MBAP_MAX_LENGTH = 254;

/**
 * Encodes a Modbus TCP frame: MBAP header (transaction id, protocol 0, length = PDU + 1, unit) and PDU.
 *
 * @example encodeTcpFrame({ transactionId: 5, unit: 0x46, pdu: fromHex("04 00 00 00 03") })
 *   // 00 05 00 00 00 06 46 04 00 00 00 03
 */
export function encodeTcpFrame(frame: Omit<TcpFrame, "framing">): Uint8Array {
  if (frame.pdu.length < 1 || frame.pdu.length + 1 > MBAP_MAX_LENGTH) {
    throw new BattError("invalid-argument", `PDU of ${frame.pdu.length} bytes does not fit an MBAP frame`);
  }
  const out = new Uint8Array(MBAP_HEADER_LENGTH + frame.pdu.length);
  const length = frame.pdu.length + 1;
  out[0] = (frame.transactionId >> 8) & 0xff;
  out[1] = frame.transactionId & 0xff;
  out[4] = length >> 8;
  out[5] = length & 0xff;
  out[6] = frame.unit;
  out.set(frame.pdu, MBAP_HEADER_LENGTH);
  return out;
}

/**
 * Parser for Modbus TCP frames in either direction: the MBAP length field sizes the frame;
 * a protocol id other than 0 or a length outside 2..254 marks bytes that cannot start a frame.
 */
export const tcpFrameParser: FrameParser<TcpFrame> = {
  parse(buffer): ParseResult<TcpFrame> {
    if (buffer.length >= 4 && (buffer[2] !== 0 || buffer[3] !== 0)) return bad("MBAP protocol id is not 0");
    if (buffer.length < 6) return INCOMPLETE;
    const length = (buffer[4]! << 8) | buffer[5]!;
    if (length < 2 || length > MBAP_MAX_LENGTH) return bad(`MBAP length ${length} is outside 2..${MBAP_MAX_LENGTH}`);
    const total = 6 + length;
    if (buffer.length < total) return INCOMPLETE;
    return {
      kind: "frame",
      frame: {
        framing: "tcp",
        transactionId: (buffer[0]! << 8) | buffer[1]!,
        unit: buffer[6]!,
        pdu: buffer.slice(MBAP_HEADER_LENGTH, total),
      },
      length: total,
    };
  },
};

function bad(message: string): ParseResult<TcpFrame> {
  return invalid(1, "frame", message);
}
