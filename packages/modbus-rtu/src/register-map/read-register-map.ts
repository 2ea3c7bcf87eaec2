import type { ModbusCallOptions } from "../modbus-client.js";
import type { PlanOptions } from "./plan-reads.js";
import type { RegisterBlock, RegisterMap } from "./register-map.js";
import type { RegisterFields, RegisterValues } from "./register-field.js";

/** The reads {@link readRegisterMap} needs (a `ModbusClient` has them). */
export interface RegisterReader {
  /** 0x03. */
  readHoldingRegisters(unit: number, address: number, count: number, options?: ModbusCallOptions): Promise<number[]>;
  /** 0x04. */
  readInputRegisters(unit: number, address: number, count: number, options?: ModbusCallOptions): Promise<number[]>;
}

/** Options for {@link readRegisterMap}. */
export interface ReadRegisterMapOptions extends PlanOptions, ModbusCallOptions {
  /** Which table the map describes. */
  readonly table: "holding" | "input";
}

/**
 * Reads every field of a map in planned block reads, one after another, and decodes them.
 *
 * @example const values = await readRegisterMap(client, 70, inputMap, { table: "input", maxGap: 8 });
 */
export async function readRegisterMap<T extends RegisterFields>(
  reader: RegisterReader,
  unit: number,
  map: RegisterMap<T>,
  options: ReadRegisterMapOptions,
): Promise<RegisterValues<T>> {
  const call: ModbusCallOptions = {
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.replyUnit !== undefined ? { replyUnit: options.replyUnit } : {}),
  };
  const blocks: RegisterBlock[] = [];
  for (const read of map.planReads(options)) {
    const registers =
      options.table === "holding"
        ? await reader.readHoldingRegisters(unit, read.address, read.count, call)
        : await reader.readInputRegisters(unit, read.address, read.count, call);
    blocks.push({ address: read.address, registers });
  }
  return map.decodeBlocks(blocks);
}
