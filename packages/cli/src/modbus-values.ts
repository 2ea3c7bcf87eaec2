import { UsageError } from "./exit-codes.js";

/** How registers are read as numbers (mbpoll's -t 3, -t 3:int, -t 3:float and -B). */
export type ModbusDataType = "int16" | "uint16" | "int32" | "uint32" | "float32";

/** The data types `batt modbus read --data-type` knows. */
export const MODBUS_DATA_TYPES: readonly ModbusDataType[] = ["int16", "uint16", "int32", "uint32", "float32"];

/** How a value is laid out in its registers. */
export interface RegisterLayout {
  readonly type: ModbusDataType;
  /** `big`: the first register holds the high word (Modbus convention); `little`: the low word first. */
  readonly wordOrder: "big" | "little";
  /** `big`: each register's high byte first (Modbus convention); `little`: swapped bytes. */
  readonly byteOrder: "big" | "little";
}

/** Registers one value takes. */
export function registersPerValue(type: ModbusDataType): number {
  return type === "int16" || type === "uint16" ? 1 : 2;
}

/**
 * Decodes registers (0..65535 each) into values of the layout's type, register by register in
 * order.
 *
 * @example decodeRegisters([0x4148, 0x0000], { type: "float32", wordOrder: "big", byteOrder: "big" }) // [12.5]
 */
export function decodeRegisters(registers: readonly number[], layout: RegisterLayout): number[] {
  const size = registersPerValue(layout.type);
  if (registers.length % size !== 0) throw new UsageError(`${layout.type} needs registers in pairs, got ${registers.length}`);
  const values: number[] = [];
  const view = new DataView(new ArrayBuffer(4));
  for (let i = 0; i < registers.length; i += size) {
    const words = registers.slice(i, i + size).map((w) => (layout.byteOrder === "little" ? ((w & 0xff) << 8) | (w >> 8) : w));
    if (size === 2 && layout.wordOrder === "little") words.reverse();
    words.forEach((w, k) => view.setUint16(k * 2, w));
    switch (layout.type) {
      case "uint16":
        values.push(view.getUint16(0));
        break;
      case "int16":
        values.push(view.getInt16(0));
        break;
      case "uint32":
        values.push(view.getUint32(0));
        break;
      case "int32":
        values.push(view.getInt32(0));
        break;
      case "float32":
        values.push(view.getFloat32(0));
        break;
    }
  }
  return values;
}
