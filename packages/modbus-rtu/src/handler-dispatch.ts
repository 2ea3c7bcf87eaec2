import { isBattError, type BattError } from "@batt/core";
import { ModbusException, ModbusExceptionError } from "./exception.js";
import type { ModbusHandler, ModbusRequestContext } from "./handler.js";
import type { ModbusRequest, ModbusResponse } from "./pdu.js";

/**
 * Carries out a decoded request on a handler and builds the normal response.
 *
 * @throws ModbusExceptionError 01 when the handler lacks the method; whatever the handler throws;
 *   a `ServerDeviceFailure` error when it returns the wrong number of values or values out of range.
 */
export async function dispatchRequest(handler: ModbusHandler, request: ModbusRequest, context: ModbusRequestContext): Promise<ModbusResponse> {
  switch (request.kind) {
    case "read-coils":
    case "read-discrete-inputs": {
      const read = request.kind === "read-coils" ? handler.readCoils : handler.readDiscreteInputs;
      if (!read) throw illegalFunction(request.kind);
      const values = await read.call(handler, request.address, request.count, context);
      checkBits(values, request.count);
      return { kind: request.kind, values };
    }
    case "read-holding-registers":
    case "read-input-registers": {
      const read = request.kind === "read-holding-registers" ? handler.readHoldingRegisters : handler.readInputRegisters;
      if (!read) throw illegalFunction(request.kind);
      const values = await read.call(handler, request.address, request.count, context);
      checkRegisters(values, request.count);
      return { kind: request.kind, values };
    }
    case "write-single-coil":
      if (!handler.writeCoils) throw illegalFunction(request.kind);
      await handler.writeCoils(request.address, [request.value], context);
      return { kind: request.kind, address: request.address, value: request.value };
    case "write-single-register":
      if (!handler.writeRegisters) throw illegalFunction(request.kind);
      await handler.writeRegisters(request.address, [request.value], context);
      return { kind: request.kind, address: request.address, value: request.value };
    case "write-multiple-coils":
      if (!handler.writeCoils) throw illegalFunction(request.kind);
      await handler.writeCoils(request.address, request.values, context);
      return { kind: request.kind, address: request.address, count: request.values.length };
    case "write-multiple-registers":
      if (!handler.writeRegisters) throw illegalFunction(request.kind);
      await handler.writeRegisters(request.address, request.values, context);
      return { kind: request.kind, address: request.address, count: request.values.length };
    case "read-write-multiple-registers": {
      if (!handler.writeRegisters || !handler.readHoldingRegisters) throw illegalFunction(request.kind);
      await handler.writeRegisters(request.writeAddress, request.values, context);
      const values = await handler.readHoldingRegisters(request.readAddress, request.readCount, context);
      checkRegisters(values, request.readCount);
      return { kind: request.kind, values };
    }
  }
}

/**
 * The exception code a server answers for an error: a Modbus exception's own code,
 * 03 for `invalid-argument`, 04 (Server Device Failure) for anything else.
 */
export function exceptionCodeFor(error: unknown): number {
  if (error instanceof ModbusExceptionError) return error.exceptionCode;
  if (isBattError(error, "device-exception")) {
    const code = error.context.deviceCode;
    if (typeof code === "number" && Number.isInteger(code) && code >= 1 && code <= 0x7f) return code;
  }
  if (isBattError(error, "invalid-argument")) return ModbusException.IllegalDataValue;
  return ModbusException.ServerDeviceFailure;
}

function illegalFunction(kind: string): ModbusExceptionError {
  return new ModbusExceptionError(ModbusException.IllegalFunction, `${kind} is not implemented by this server`);
}

function checkBits(values: readonly boolean[], count: number): void {
  if (values.length !== count || values.some((v) => typeof v !== "boolean")) {
    throw deviceFailure(`handler returned ${values.length} bit values for ${count}`);
  }
}

function checkRegisters(values: readonly number[], count: number): void {
  if (values.length !== count) throw deviceFailure(`handler returned ${values.length} registers for ${count}`);
  for (const v of values) {
    if (!Number.isInteger(v) || v < 0 || v > 0xffff) throw deviceFailure(`handler returned register value ${v} outside 0..65535`);
  }
}

function deviceFailure(detail: string): BattError {
  return new ModbusExceptionError(ModbusException.ServerDeviceFailure, detail);
}
