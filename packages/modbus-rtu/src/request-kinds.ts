import { FunctionCode } from "./function-code.js";
import type { ModbusRequest, ModbusRequestKind } from "./pdu.js";

/** Request kind to function code. */
export const REQUEST_FUNCTION: Readonly<Record<ModbusRequestKind, FunctionCode>> = {
  "read-coils": FunctionCode.ReadCoils,
  "read-discrete-inputs": FunctionCode.ReadDiscreteInputs,
  "read-holding-registers": FunctionCode.ReadHoldingRegisters,
  "read-input-registers": FunctionCode.ReadInputRegisters,
  "write-single-coil": FunctionCode.WriteSingleCoil,
  "write-single-register": FunctionCode.WriteSingleRegister,
  "write-multiple-coils": FunctionCode.WriteMultipleCoils,
  "write-multiple-registers": FunctionCode.WriteMultipleRegisters,
  "read-write-multiple-registers": FunctionCode.ReadWriteMultipleRegisters,
};

/** Function code to request kind. */
export const FUNCTION_REQUEST: Readonly<Record<number, ModbusRequestKind>> = Object.fromEntries(
  Object.entries(REQUEST_FUNCTION).map(([kind, code]) => [code, kind as ModbusRequestKind]),
);

/** The function code of a request. */
export function functionCodeOf(request: ModbusRequest): FunctionCode {
  return REQUEST_FUNCTION[request.kind];
}

/** Whether a request changes the device (and so may be broadcast). */
export function isWriteRequest(request: ModbusRequest): boolean {
  return request.kind.startsWith("write-");
}
