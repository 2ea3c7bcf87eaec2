import { BattError } from "@batt/core";
import { EXCEPTION_FLAG } from "../function-code.js";
import type { ModbusRequest } from "../pdu.js";
import { FUNCTION_REQUEST } from "../request-kinds.js";
import { readWords } from "../words.js";

/**
 * A request that a reply PDU could answer, built from the reply alone, so that a reply captured
 * without its request can still be decoded and checked. Register and coil addresses of read
 * replies are unknown and given as 0.
 *
 * @throws BattError `frame` for a function code this decoder does not know.
 */
export function requestFromReply(pdu: Uint8Array): ModbusRequest {
  const fc = (pdu[0] ?? 0) & ~EXCEPTION_FLAG;
  const kind = FUNCTION_REQUEST[fc];
  if (kind === undefined) throw new BattError("frame", `function 0x${fc.toString(16).padStart(2, "0")} is not a Modbus function this decoder knows`);
  const exception = ((pdu[0] ?? 0) & EXCEPTION_FLAG) !== 0;
  const byteCount = pdu[1] ?? 0;
  const [w1 = 0, w2 = 0] = exception || pdu.length < 5 ? [] : readWords(pdu, 1, 2);
  switch (kind) {
    case "read-coils":
    case "read-discrete-inputs":
      return { kind, address: 0, count: Math.max(1, byteCount * 8) };
    case "read-holding-registers":
    case "read-input-registers":
      return { kind, address: 0, count: Math.max(1, byteCount >> 1) };
    case "read-write-multiple-registers":
      return { kind, readAddress: 0, readCount: Math.max(1, byteCount >> 1), writeAddress: 0, values: [0] };
    case "write-single-coil":
      return { kind, address: w1, value: w2 === 0xff00 };
    case "write-single-register":
      return { kind, address: w1, value: w2 };
    case "write-multiple-coils":
      return { kind, address: w1, values: new Array<boolean>(w2).fill(false) };
    case "write-multiple-registers":
      return { kind, address: w1, values: new Array<number>(w2).fill(0) };
  }
}
