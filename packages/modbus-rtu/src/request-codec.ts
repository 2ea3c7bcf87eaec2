import { BattError } from "@batt/core";
import { packBits, unpackBits } from "./bits.js";
import { ModbusException, ModbusExceptionError } from "./exception.js";
import { formatFunctionCode } from "./function-code.js";
import { checkRange, checkRegisterValues, ModbusLimits } from "./limits.js";
import type { ModbusRequest } from "./pdu.js";
import { FUNCTION_REQUEST, functionCodeOf } from "./request-kinds.js";
import { putWords, readWords } from "./words.js";

const COIL_ON = 0xff00;
const COIL_OFF = 0x0000;

/**
 * Encodes a request PDU. Checks the protocol limits first, so nothing out of range is ever sent.
 *
 * @throws BattError `invalid-argument` for a count, address or value outside the protocol limits.
 * @example encodeRequest({ kind: "read-holding-registers", address: 0x6b, count: 3 }) // 03 00 6b 00 03
 */
export function encodeRequest(request: ModbusRequest): Uint8Array {
  const fc = functionCodeOf(request);
  switch (request.kind) {
    case "read-coils":
    case "read-discrete-inputs":
      checkRange(request.kind, request.address, request.count, ModbusLimits.readBits);
      return words(fc, request.address, request.count);
    case "read-holding-registers":
    case "read-input-registers":
      checkRange(request.kind, request.address, request.count, ModbusLimits.readRegisters);
      return words(fc, request.address, request.count);
    case "write-single-coil":
      checkRange(request.kind, request.address, 1, 1);
      if (typeof request.value !== "boolean") throw new BattError("invalid-argument", "write-single-coil: value must be a boolean");
      return words(fc, request.address, request.value ? COIL_ON : COIL_OFF);
    case "write-single-register":
      checkRange(request.kind, request.address, 1, 1);
      checkRegisterValues(request.kind, [request.value]);
      return words(fc, request.address, request.value);
    case "write-multiple-coils": {
      checkRange(request.kind, request.address, request.values.length, ModbusLimits.writeCoils);
      const packed = packBits(request.values);
      const pdu = new Uint8Array(6 + packed.length);
      putWords(pdu, 1, request.address, request.values.length);
      pdu[0] = fc;
      pdu[5] = packed.length;
      pdu.set(packed, 6);
      return pdu;
    }
    case "write-multiple-registers": {
      checkRange(request.kind, request.address, request.values.length, ModbusLimits.writeRegisters);
      checkRegisterValues(request.kind, request.values);
      const pdu = new Uint8Array(6 + 2 * request.values.length);
      pdu[0] = fc;
      putWords(pdu, 1, request.address, request.values.length);
      pdu[5] = 2 * request.values.length;
      putWords(pdu, 6, ...request.values);
      return pdu;
    }
    case "read-write-multiple-registers": {
      checkRange(`${request.kind} (read)`, request.readAddress, request.readCount, ModbusLimits.readWriteRead);
      checkRange(`${request.kind} (write)`, request.writeAddress, request.values.length, ModbusLimits.readWriteWrite);
      checkRegisterValues(request.kind, request.values);
      const pdu = new Uint8Array(10 + 2 * request.values.length);
      pdu[0] = fc;
      putWords(pdu, 1, request.readAddress, request.readCount, request.writeAddress, request.values.length);
      pdu[9] = 2 * request.values.length;
      putWords(pdu, 10, ...request.values);
      return pdu;
    }
  }
}

/**
 * Decodes a request PDU, as a server does. Checks in the order the specification gives
 * (function, then quantity and layout, then address range).
 *
 * @throws ModbusExceptionError 01 for a function this package does not implement, 03 for a bad
 *   count, byte count, length or coil value, 02 when `address + count` runs past 65535.
 */
export function decodeRequest(pdu: Uint8Array): ModbusRequest {
  const fc = pdu[0] ?? 0;
  const kind = FUNCTION_REQUEST[fc];
  if (!kind) throw new ModbusExceptionError(ModbusException.IllegalFunction, `function ${formatFunctionCode(fc)}`);
  const word = (at: number): number => ((pdu[at] ?? 0) << 8) | (pdu[at + 1] ?? 0);
  switch (kind) {
    case "read-coils":
    case "read-discrete-inputs":
    case "read-holding-registers":
    case "read-input-registers": {
      expectLength(pdu, 5);
      const address = word(1);
      const count = word(3);
      const max = kind === "read-coils" || kind === "read-discrete-inputs" ? ModbusLimits.readBits : ModbusLimits.readRegisters;
      checkQuantity(count, max);
      checkAddress(address, count);
      return { kind, address, count };
    }
    case "write-single-coil": {
      expectLength(pdu, 5);
      const value = word(3);
      if (value !== COIL_ON && value !== COIL_OFF) illegalValue(`coil value 0x${value.toString(16)} is neither FF00 nor 0000`);
      return { kind, address: word(1), value: value === COIL_ON };
    }
    case "write-single-register":
      expectLength(pdu, 5);
      return { kind, address: word(1), value: word(3) };
    case "write-multiple-coils": {
      const address = word(1);
      const count = word(3);
      checkQuantity(count, ModbusLimits.writeCoils);
      const byteCount = pdu[5] ?? 0;
      if (byteCount !== Math.ceil(count / 8)) illegalValue(`byte count ${byteCount} does not fit ${count} coils`);
      expectLength(pdu, 6 + byteCount);
      checkAddress(address, count);
      return { kind, address, values: unpackBits(pdu, count, 6) };
    }
    case "write-multiple-registers": {
      const address = word(1);
      const count = word(3);
      checkQuantity(count, ModbusLimits.writeRegisters);
      const byteCount = pdu[5] ?? 0;
      if (byteCount !== 2 * count) illegalValue(`byte count ${byteCount} does not fit ${count} registers`);
      expectLength(pdu, 6 + byteCount);
      checkAddress(address, count);
      return { kind, address, values: readWords(pdu, 6, count) };
    }
    case "read-write-multiple-registers": {
      const readAddress = word(1);
      const readCount = word(3);
      const writeAddress = word(5);
      const writeCount = word(7);
      checkQuantity(readCount, ModbusLimits.readWriteRead);
      checkQuantity(writeCount, ModbusLimits.readWriteWrite);
      const byteCount = pdu[9] ?? 0;
      if (byteCount !== 2 * writeCount) illegalValue(`byte count ${byteCount} does not fit ${writeCount} registers`);
      expectLength(pdu, 10 + byteCount);
      checkAddress(readAddress, readCount);
      checkAddress(writeAddress, writeCount);
      return { kind, readAddress, readCount, writeAddress, values: readWords(pdu, 10, writeCount) };
    }
  }
}

function words(fc: number, a: number, b: number): Uint8Array {
  const pdu = new Uint8Array(5);
  pdu[0] = fc;
  putWords(pdu, 1, a, b);
  return pdu;
}

function expectLength(pdu: Uint8Array, length: number): void {
  if (pdu.length !== length) illegalValue(`request PDU is ${pdu.length} bytes, expected ${length}`);
}

function checkQuantity(count: number, max: number): void {
  if (count < 1 || count > max) illegalValue(`count ${count} is outside 1..${max}`);
}

function checkAddress(address: number, count: number): void {
  if (address + count > ModbusLimits.maxAddress + 1) {
    throw new ModbusExceptionError(ModbusException.IllegalDataAddress, `address ${address} + count ${count} runs past 65535`);
  }
}

function illegalValue(detail: string): never {
  throw new ModbusExceptionError(ModbusException.IllegalDataValue, detail);
}
