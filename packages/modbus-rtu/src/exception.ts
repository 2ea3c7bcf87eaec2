import { BattError, type BattErrorContext } from "@batt/core";

/**
 * Modbus exception codes (Modbus Application Protocol v1.1b3; docs/protocols/modbus.md#exception-replies), by name.
 *
 * @example
 * ```ts
 * if (isBattError(e, "device-exception") && e.context.deviceCode === ModbusException.IllegalDataAddress) …
 * ```
 */
export const ModbusException = {
  /** 01: the function code is not supported by the device. */
  IllegalFunction: 0x01,
  /** 02: the address, or address plus count, is outside what the device has. */
  IllegalDataAddress: 0x02,
  /** 03: a value in the request (count, byte count, coil value) is not allowed. */
  IllegalDataValue: 0x03,
  /** 04: the device failed while carrying out the request. */
  ServerDeviceFailure: 0x04,
  /** 05: accepted, but it takes long; poll for completion. */
  Acknowledge: 0x05,
  /** 06: busy with a long command; try again later. */
  ServerDeviceBusy: 0x06,
  /** 08: the device found a parity error in its memory. */
  MemoryParityError: 0x08,
  /** 0A: a gateway has no path to the target. */
  GatewayPathUnavailable: 0x0a,
  /** 0B: a gateway got no reply from the target device. */
  GatewayTargetFailedToRespond: 0x0b,
} as const;

/** One of the {@link ModbusException} values (devices may send others; they are kept as numbers). */
export type ModbusException = (typeof ModbusException)[keyof typeof ModbusException];

/** Exception code to the name the Modbus specification gives it. */
export const MODBUS_EXCEPTION_NAMES: Readonly<Record<number, string>> = {
  [ModbusException.IllegalFunction]: "Illegal Function",
  [ModbusException.IllegalDataAddress]: "Illegal Data Address",
  [ModbusException.IllegalDataValue]: "Illegal Data Value",
  [ModbusException.ServerDeviceFailure]: "Server Device Failure",
  [ModbusException.Acknowledge]: "Acknowledge",
  [ModbusException.ServerDeviceBusy]: "Server Device Busy",
  [ModbusException.MemoryParityError]: "Memory Parity Error",
  [ModbusException.GatewayPathUnavailable]: "Gateway Path Unavailable",
  [ModbusException.GatewayTargetFailedToRespond]: "Gateway Target Device Failed to Respond",
};

/** The name of an exception code, or `Unknown Exception` for codes the specification does not define. */
export function modbusExceptionName(code: number): string {
  return MODBUS_EXCEPTION_NAMES[code] ?? "Unknown Exception";
}

/**
 * A Modbus exception as a {@link BattError} with code `device-exception` and
 * `context.deviceCode` set to the exception code.
 *
 * A {@link ModbusHandler} throws it to make the server answer with that exception;
 * the client reports exception replies with the same code, context and message.
 *
 * @example
 * ```ts
 * throw new ModbusExceptionError(ModbusException.IllegalDataValue, "LVP must be 10.00..13.00 V");
 * ```
 */
export class ModbusExceptionError extends BattError {
  /** The Modbus exception code (1..255). */
  readonly exceptionCode: number;

  constructor(exceptionCode: number, detail?: string, context: BattErrorContext = {}) {
    super("device-exception", exceptionMessage(exceptionCode, detail), { context: { ...context, deviceCode: exceptionCode } });
    this.exceptionCode = exceptionCode;
  }
}

/** `Illegal Data Address (exception 02)`, optionally followed by `: detail`. */
export function exceptionMessage(exceptionCode: number, detail?: string): string {
  const head = `${modbusExceptionName(exceptionCode)} (exception ${exceptionCode.toString(16).padStart(2, "0")})`;
  return detail ? `${head}: ${detail}` : head;
}
