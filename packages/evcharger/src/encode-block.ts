import { BattError } from "@batt/core";
import type { FieldInput, RegisterFields, RegisterMap } from "@batt/modbus-rtu";

/**
 * The registers of one block write, built from named field values through the map (so scales,
 * ranges and word orders apply): zeros where no field is given.
 *
 * @throws BattError `invalid-argument` for a value the field refuses or a field outside the block.
 */
export function encodeBlock<T extends RegisterFields>(
  map: RegisterMap<T>,
  block: { readonly address: number; readonly count: number },
  values: { readonly [K in keyof T & string]?: FieldInput<T[K]> },
): number[] {
  const registers = new Array<number>(block.count).fill(0);
  for (const name of Object.keys(values) as (keyof T & string)[]) {
    const value = values[name];
    if (value === undefined) continue;
    const write = map.encode(name, value);
    const offset = write.address - block.address;
    if (offset < 0 || offset + write.registers.length > block.count) {
      throw new BattError("invalid-argument", `field ${name} lies outside the block at 0x${block.address.toString(16)}`);
    }
    registers.splice(offset, write.registers.length, ...write.registers);
  }
  return registers;
}
