import { BattError, ByteWriter } from "@batt/core";

/**
 * Decodes register 0x04: `2 × cells` bytes, u16 mV each, cell 1 first, returned in V.
 * A 0 mV cell (unconnected tap) is a legal value and is kept.
 *
 * @throws BattError `frame` on an odd payload length.
 */
export function decodeCellVoltages(payload: Uint8Array): number[] {
  if (payload.length % 2 !== 0) {
    throw new BattError("frame", `cell voltages need an even number of bytes, got ${payload.length}`, { context: { raw: payload } });
  }
  const cells: number[] = [];
  for (let i = 0; i < payload.length; i += 2) cells.push(((payload[i]! << 8) | payload[i + 1]!) / 1000);
  return cells;
}

/** Builds register 0x04's payload from cell voltages in mV. */
export function encodeCellVoltages(millivolts: readonly number[]): Uint8Array {
  const w = new ByteWriter(millivolts.length * 2);
  for (const mv of millivolts) w.u16(mv);
  return w.toBytes();
}
