import { BattError, isBattError } from "@batt/core";
import type { ChargerContext } from "../charger-context.js";
import type { Order } from "../constants.js";
import { orderWrite, relockWrite } from "./control-writes.js";

/**
 * Sends a generic order (J `TransOrder`): `0x8003 ← [0x55AA, order]`, then always relocks with
 * `0x8003 ← [0]` — also when the order write failed or was aborted (the relock is not cancelled).
 *
 * @throws BattError from the order write; when only the relock fails, an error of the relock's code
 *   that says the order was sent but the key may still be unlocked.
 */
export async function sendOrder(context: ChargerContext, order: Order, signal?: AbortSignal): Promise<void> {
  const write = orderWrite(order);
  const relock = relockWrite();
  try {
    await context.registers.write(write.address, write.values, signal ? { signal } : {});
  } catch (error) {
    await context.registers.write(relock.address, relock.values).catch(() => undefined);
    throw error;
  }
  try {
    await context.registers.write(relock.address, relock.values);
  } catch (error) {
    const code = isBattError(error) ? error.code : "timeout";
    throw new BattError(code, `order ${order} was sent, but the order key could not be relocked: ${(error as Error).message}`, { cause: error });
  }
}
