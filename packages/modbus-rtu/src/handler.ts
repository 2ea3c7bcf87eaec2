/** A value, or a promise of it: handlers may answer at once or after I/O. */
export type MaybePromise<T> = T | Promise<T>;

/** What a {@link ModbusHandler} learns about the request besides address and values. */
export interface ModbusRequestContext {
  /** The unit the request was addressed to (0 for an RTU broadcast). */
  readonly unit: number;
  /** The function code of the request (a simulator may refuse 0x06 but accept 0x10, as some devices do). */
  readonly functionCode: number;
  /** Whether the request is an RTU broadcast (no reply will be sent). */
  readonly broadcast: boolean;
}

/**
 * The data behind a {@link ModbusServer}, one optional method per table. A missing method makes the
 * server answer exception 01 (Illegal Function). Throw a `ModbusExceptionError` to answer with an
 * exception: 02 for an address the device does not have, 03 for a value it refuses; an
 * `invalid-argument` error is answered with 03 and any other error with 04.
 *
 * Reads must return exactly `count` values. 0x05/0x0F call `writeCoils`, 0x06/0x10 call
 * `writeRegisters`, and 0x17 calls `writeRegisters` then `readHoldingRegisters`.
 */
export interface ModbusHandler {
  /** 0x01. */
  readCoils?(address: number, count: number, context: ModbusRequestContext): MaybePromise<readonly boolean[]>;
  /** 0x02. */
  readDiscreteInputs?(address: number, count: number, context: ModbusRequestContext): MaybePromise<readonly boolean[]>;
  /** 0x03 (and the read half of 0x17). */
  readHoldingRegisters?(address: number, count: number, context: ModbusRequestContext): MaybePromise<readonly number[]>;
  /** 0x04. */
  readInputRegisters?(address: number, count: number, context: ModbusRequestContext): MaybePromise<readonly number[]>;
  /** 0x05 and 0x0F. */
  writeCoils?(address: number, values: readonly boolean[], context: ModbusRequestContext): MaybePromise<void>;
  /** 0x06, 0x10 (and the write half of 0x17). */
  writeRegisters?(address: number, values: readonly number[], context: ModbusRequestContext): MaybePromise<void>;
}
