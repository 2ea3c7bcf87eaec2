/**
 * The Modbus function codes this package speaks (Modbus Application Protocol v1.1b3; docs/protocols/modbus.md#function-codes).
 * A reply with the high bit set (`code | 0x80`) is an exception.
 */
export const FunctionCode = {
  /** 0x01: read 1..2000 coils. */
  ReadCoils: 0x01,
  /** 0x02: read 1..2000 discrete inputs. */
  ReadDiscreteInputs: 0x02,
  /** 0x03: read 1..125 holding registers. */
  ReadHoldingRegisters: 0x03,
  /** 0x04: read 1..125 input registers. */
  ReadInputRegisters: 0x04,
  /** 0x05: write one coil (`FF 00` on, `00 00` off). */
  WriteSingleCoil: 0x05,
  /** 0x06: write one holding register. */
  WriteSingleRegister: 0x06,
  /** 0x0F: write 1..1968 coils. */
  WriteMultipleCoils: 0x0f,
  /** 0x10: write 1..123 holding registers. */
  WriteMultipleRegisters: 0x10,
  /** 0x17: write 1..121 holding registers, then read 1..125, in one transaction. */
  ReadWriteMultipleRegisters: 0x17,
} as const;

/** One of the {@link FunctionCode} values. */
export type FunctionCode = (typeof FunctionCode)[keyof typeof FunctionCode];

/** The bit that marks an exception reply: the reply's function code is `request code | 0x80`. */
export const EXCEPTION_FLAG = 0x80;

/** Whether `code` is one of the function codes this package implements. */
export function isSupportedFunction(code: number): code is FunctionCode {
  return (
    (code >= FunctionCode.ReadCoils && code <= FunctionCode.WriteSingleRegister) ||
    code === FunctionCode.WriteMultipleCoils ||
    code === FunctionCode.WriteMultipleRegisters ||
    code === FunctionCode.ReadWriteMultipleRegisters
  );
}

/** `0x03` as `"0x03"`, for messages. */
export function formatFunctionCode(code: number): string {
  return `0x${code.toString(16).padStart(2, "0")}`;
}
