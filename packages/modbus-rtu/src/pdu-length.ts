import { EXCEPTION_FLAG, FunctionCode } from "./function-code.js";
import type { ModbusRequest } from "./pdu.js";

/**
 * How long a PDU is, judged from its first bytes: a byte count, `"more"` when the bytes that
 * decide it have not arrived yet, or `"unknown"` for a function whose layout is not known.
 */
export type PduLength = number | "more" | "unknown";

/** PDU length of the normal (non-exception) reply to `request`; known before it is sent. */
export function expectedReplyPduLength(request: ModbusRequest): number {
  switch (request.kind) {
    case "read-coils":
    case "read-discrete-inputs":
      return 2 + Math.ceil(request.count / 8);
    case "read-holding-registers":
    case "read-input-registers":
      return 2 + 2 * request.count;
    case "read-write-multiple-registers":
      return 2 + 2 * request.readCount;
    default:
      return 5;
  }
}

/** PDU length of an exception reply: function code | 0x80, exception code. */
export const EXCEPTION_PDU_LENGTH = 2;

/** Length of a reply PDU starting at `pdu[at]` (default 0), judged from its own layout (function code and byte count). */
export function replyPduLength(pdu: Uint8Array, at = 0): PduLength {
  const fc = pdu[at];
  if (fc === undefined) return "more";
  if (fc & EXCEPTION_FLAG) return EXCEPTION_PDU_LENGTH;
  switch (fc) {
    case FunctionCode.ReadCoils:
    case FunctionCode.ReadDiscreteInputs:
    case FunctionCode.ReadHoldingRegisters:
    case FunctionCode.ReadInputRegisters:
    case FunctionCode.ReadWriteMultipleRegisters:
      return pdu.length < at + 2 ? "more" : 2 + pdu[at + 1]!;
    case FunctionCode.WriteSingleCoil:
    case FunctionCode.WriteSingleRegister:
    case FunctionCode.WriteMultipleCoils:
    case FunctionCode.WriteMultipleRegisters:
      return 5;
    default:
      return "unknown";
  }
}

/** Request PDU lengths of fixed-size functions, including common ones this package answers with exception 01. */
const FIXED_REQUEST_LENGTH: Readonly<Record<number, number>> = {
  [FunctionCode.ReadCoils]: 5,
  [FunctionCode.ReadDiscreteInputs]: 5,
  [FunctionCode.ReadHoldingRegisters]: 5,
  [FunctionCode.ReadInputRegisters]: 5,
  [FunctionCode.WriteSingleCoil]: 5,
  [FunctionCode.WriteSingleRegister]: 5,
  0x07: 1, // read exception status
  0x08: 5, // diagnostics (sub-function and one data word, the usual form)
  0x0b: 1, // get comm event counter
  0x0c: 1, // get comm event log
  0x11: 1, // report server id
  0x16: 7, // mask write register
  0x18: 3, // read FIFO queue
};

/**
 * Length of a request PDU starting at `pdu[at]` (default 0), as a server on a serial line must know it:
 * fixed for most functions, from the byte count for 0x0F and 0x10 (at offset 5) and 0x17 (at offset 9).
 */
export function requestPduLength(pdu: Uint8Array, at = 0): PduLength {
  const fc = pdu[at];
  if (fc === undefined) return "more";
  const fixed = FIXED_REQUEST_LENGTH[fc];
  if (fixed !== undefined) return fixed;
  switch (fc) {
    case FunctionCode.WriteMultipleCoils:
    case FunctionCode.WriteMultipleRegisters:
      return pdu.length < at + 6 ? "more" : 6 + pdu[at + 5]!;
    case FunctionCode.ReadWriteMultipleRegisters:
      return pdu.length < at + 10 ? "more" : 10 + pdu[at + 9]!;
    case 0x14: // read file record
    case 0x15: // write file record
      return pdu.length < at + 2 ? "more" : 2 + pdu[at + 1]!;
    default:
      return "unknown";
  }
}
