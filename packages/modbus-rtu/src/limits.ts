import { BattError } from "@batt/core";

/** Protocol limits of the Modbus Application Protocol v1.1b3 (they keep every ADU within 256 bytes on RTU). */
export const ModbusLimits = {
  /** Coils or discrete inputs per read (0x01, 0x02). */
  readBits: 2000,
  /** Registers per read (0x03, 0x04). */
  readRegisters: 125,
  /** Coils per write (0x0F). */
  writeCoils: 1968,
  /** Registers per write (0x10). */
  writeRegisters: 123,
  /** Registers read by 0x17. */
  readWriteRead: 125,
  /** Registers written by 0x17. */
  readWriteWrite: 121,
  /** Highest address; `address + count` may not exceed 65536. */
  maxAddress: 0xffff,
} as const;

/** Throws `invalid-argument` unless `unit` is an integer 0..255. */
export function checkUnit(unit: number): void {
  if (!Number.isInteger(unit) || unit < 0 || unit > 255) {
    throw new BattError("invalid-argument", `unit id must be an integer 0..255, got ${unit}`);
  }
}

/** Throws `invalid-argument` unless `count` is 1..max and `address`..`address + count - 1` lies within 0..65535. */
export function checkRange(what: string, address: number, count: number, max: number): void {
  if (!Number.isInteger(count) || count < 1 || count > max) {
    throw new BattError("invalid-argument", `${what}: count must be 1..${max}, got ${count}`);
  }
  if (!Number.isInteger(address) || address < 0 || address > ModbusLimits.maxAddress) {
    throw new BattError("invalid-argument", `${what}: address must be 0..65535, got ${address}`);
  }
  if (address + count > ModbusLimits.maxAddress + 1) {
    throw new BattError("invalid-argument", `${what}: address ${address} + count ${count} runs past 65535`);
  }
}

/** Throws `invalid-argument` unless every value is an integer 0..65535. */
export function checkRegisterValues(what: string, values: readonly number[]): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isInteger(v) || v < 0 || v > 0xffff) {
      throw new BattError("invalid-argument", `${what}: register value [${i}] must be an integer 0..65535, got ${v}`);
    }
  }
}
