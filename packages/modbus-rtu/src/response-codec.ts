import { BattError } from "@batt/core";
import { packBits, unpackBits } from "./bits.js";
import { EXCEPTION_FLAG, formatFunctionCode } from "./function-code.js";
import type { ModbusRequest, ModbusResponse } from "./pdu.js";
import { functionCodeOf, REQUEST_FUNCTION } from "./request-kinds.js";
import { putWords, readWords } from "./words.js";

/**
 * Encodes a response PDU, as a server does. `exception` becomes `functionCode | 0x80, exceptionCode`.
 *
 * @example encodeResponse({ kind: "read-input-registers", values: [10] }) // 04 02 00 0a
 */
export function encodeResponse(response: ModbusResponse): Uint8Array {
  switch (response.kind) {
    case "exception":
      return Uint8Array.of((response.functionCode | EXCEPTION_FLAG) & 0xff, response.exceptionCode & 0xff);
    case "read-coils":
    case "read-discrete-inputs": {
      const packed = packBits(response.values);
      return Uint8Array.of(REQUEST_FUNCTION[response.kind], packed.length, ...packed);
    }
    case "read-holding-registers":
    case "read-input-registers":
    case "read-write-multiple-registers": {
      const pdu = new Uint8Array(2 + 2 * response.values.length);
      pdu[0] = REQUEST_FUNCTION[response.kind];
      pdu[1] = 2 * response.values.length;
      putWords(pdu, 2, ...response.values);
      return pdu;
    }
    case "write-single-coil":
      return echo(REQUEST_FUNCTION[response.kind], response.address, response.value ? 0xff00 : 0x0000);
    case "write-single-register":
      return echo(REQUEST_FUNCTION[response.kind], response.address, response.value);
    case "write-multiple-coils":
    case "write-multiple-registers":
      return echo(REQUEST_FUNCTION[response.kind], response.address, response.count);
  }
}

/**
 * Decodes the response PDU to `request`, checking it against the request before any value is used:
 * the function code, the layout and byte count, and for writes the echoed address, value or count.
 * An exception reply decodes to `{ kind: "exception" }`.
 *
 * @throws BattError `frame` for a PDU whose length contradicts its own layout;
 *   `unexpected-reply` for a well-formed PDU that does not answer `request`.
 */
export function decodeResponse(pdu: Uint8Array, request: ModbusRequest): ModbusResponse {
  const fc = functionCodeOf(request);
  const got = pdu[0];
  if (got === (fc | EXCEPTION_FLAG)) {
    expectLength(pdu, 2, "exception");
    return { kind: "exception", functionCode: fc, exceptionCode: pdu[1]! };
  }
  if (got !== fc) {
    throw unexpected(`function ${formatFunctionCode(got ?? 0)} in reply to ${formatFunctionCode(fc)}`, pdu);
  }
  const word = (at: number): number => (pdu[at]! << 8) | pdu[at + 1]!;
  switch (request.kind) {
    case "read-coils":
    case "read-discrete-inputs": {
      const byteCount = byteCountOf(pdu);
      const expected = Math.ceil(request.count / 8);
      if (byteCount !== expected) throw unexpected(`byte count ${byteCount} for ${request.count} bits (expected ${expected})`, pdu);
      return { kind: request.kind, values: unpackBits(pdu, request.count, 2) };
    }
    case "read-holding-registers":
    case "read-input-registers":
    case "read-write-multiple-registers": {
      const count = request.kind === "read-write-multiple-registers" ? request.readCount : request.count;
      const byteCount = byteCountOf(pdu);
      if (byteCount !== 2 * count) throw unexpected(`byte count ${byteCount} for ${count} registers (expected ${2 * count})`, pdu);
      return { kind: request.kind, values: readWords(pdu, 2, count) };
    }
    case "write-single-coil": {
      expectLength(pdu, 5, request.kind);
      const raw = word(3);
      if (word(1) !== request.address || raw !== (request.value ? 0xff00 : 0x0000)) {
        throw unexpected(`echo of address ${word(1)} value 0x${raw.toString(16).padStart(4, "0")} does not match the request`, pdu);
      }
      return { kind: request.kind, address: request.address, value: request.value };
    }
    case "write-single-register":
      expectLength(pdu, 5, request.kind);
      if (word(1) !== request.address || word(3) !== request.value) {
        throw unexpected(`echo of address ${word(1)} value ${word(3)} does not match address ${request.address} value ${request.value}`, pdu);
      }
      return { kind: request.kind, address: request.address, value: request.value };
    case "write-multiple-coils":
    case "write-multiple-registers":
      expectLength(pdu, 5, request.kind);
      if (word(1) !== request.address || word(3) !== request.values.length) {
        throw unexpected(
          `echo of address ${word(1)} count ${word(3)} does not match address ${request.address} count ${request.values.length}`,
          pdu,
        );
      }
      return { kind: request.kind, address: request.address, count: request.values.length };
  }
}

function echo(fc: number, a: number, b: number): Uint8Array {
  const pdu = new Uint8Array(5);
  pdu[0] = fc;
  putWords(pdu, 1, a, b);
  return pdu;
}

function byteCountOf(pdu: Uint8Array): number {
  const byteCount = pdu[1];
  if (byteCount === undefined || pdu.length !== 2 + byteCount) {
    throw new BattError("frame", `reply PDU of ${pdu.length} bytes does not match its byte count ${byteCount ?? "(missing)"}`, {
      context: { raw: pdu },
    });
  }
  return byteCount;
}

function expectLength(pdu: Uint8Array, length: number, what: string): void {
  if (pdu.length !== length) {
    throw new BattError("frame", `${what} reply PDU is ${pdu.length} bytes, expected ${length}`, { context: { raw: pdu } });
  }
}

function unexpected(detail: string, pdu: Uint8Array): BattError {
  return new BattError("unexpected-reply", detail, { context: { raw: pdu } });
}
