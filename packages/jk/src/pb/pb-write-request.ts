import { crc16Modbus } from "@batt/core";

/** An FC 0x10 request writing `values` from `register` at `address` (CRC appended, low byte first). */
export function encodeWriteRequest(address: number, register: number, values: readonly number[]): Uint8Array {
  const frame = new Uint8Array(9 + 2 * values.length);
  frame.set([address, 0x10, register >> 8, register & 0xff, values.length >> 8, values.length & 0xff, 2 * values.length], 0);
  values.forEach((value, i) => {
    frame[7 + 2 * i] = (value >> 8) & 0xff;
    frame[8 + 2 * i] = value & 0xff;
  });
  const crc = crc16Modbus(frame, 0, frame.length - 2);
  frame[frame.length - 2] = crc & 0xff;
  frame[frame.length - 1] = crc >> 8;
  return frame;
}
