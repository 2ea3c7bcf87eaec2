import { ControlRegister, ORDER_KEY, Order } from "../constants.js";
import type { RegisterWriteBlock } from "../access/register-client.js";

/**
 * RUN (docs/protocols/icharger.md#run-stop-and-order-sequences, captured): one write of `[operation, slot, channel, 0x55AA, 1]` at 0x8000.
 *
 * @example runWrite(3, 0, 0) // 0x8000 ← [3, 0, 0, 0x55AA, 1]: cycle, slot 0, channel 0
 */
export function runWrite(operation: number, slot: number, channel: number): RegisterWriteBlock {
  return { address: ControlRegister.operation, values: [operation, slot, channel, ORDER_KEY, Order.Run] };
}

/** STOP (docs/protocols/icharger.md#run-stop-and-order-sequences, captured): `[channel, 0x55AA, 0]` at 0x8002. */
export function stopWrite(channel: number): RegisterWriteBlock {
  return { address: ControlRegister.channel, values: [channel, ORDER_KEY, Order.Stop] };
}

/** A generic order (write SYS/MEM/MEM_HEAD, log on/off, dialog yes/no): `[0x55AA, order]` at 0x8003. */
export function orderWrite(order: Order): RegisterWriteBlock {
  return { address: ControlRegister.orderKey, values: [ORDER_KEY, order] };
}

/** Relocks the order register after a generic order: `[0]` at 0x8003. */
export function relockWrite(): RegisterWriteBlock {
  return { address: ControlRegister.orderKey, values: [0] };
}

/** Selects the preset that MEMORY (0x8C00) shows (J): `[slot]` at 0x8001. */
export function selectPresetWrite(slot: number): RegisterWriteBlock {
  return { address: ControlRegister.memorySlot, values: [slot] };
}
