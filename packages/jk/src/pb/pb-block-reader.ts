import type { ModbusCallOptions, ModbusClient, RegisterReader } from "@batt/modbus-rtu";
import { pbRegisterAddress, type JkPbBlockLayout } from "./pb-blocks.js";

/**
 * A `RegisterReader` over one JK-PB block: the word offsets of a block's register map become the
 * byte-offset addresses the device expects (base + 2 × word), so `readRegisterMap` can plan and
 * decode as for any device.
 */
export function blockReader(client: ModbusClient, block: JkPbBlockLayout): RegisterReader {
  const read = (unit: number, address: number, count: number, options?: ModbusCallOptions): Promise<number[]> =>
    client.readHoldingRegisters(unit, pbRegisterAddress(block, address), count, options);
  return { readHoldingRegisters: read, readInputRegisters: read };
}
