import { describeCapture, type FrameDescription } from "@batt/modbus-rtu";
import type { Generation } from "./generation.js";
import { holdingRegisterMap } from "./holding-registers.js";
import { G2_STATUS_REGISTERS, inputRegisterMap } from "./input-registers.js";
import { upgradeRegisterMap } from "./upgrade/upgrade-registers.js";
import { wordOrdersFor, type WordOrders } from "./word-order.js";

/**
 * Decodes captured EV charger RTU bytes (a request, a reply, or a request followed by its reply),
 * naming registers with the maps of `generation` (default `g1`) and its word orders:
 * `46 04 00 00 00 03 BF 7C` followed by `46 04 06 5D 3E 5D 7B 5D 81 C8 AD` gives 238.70, 239.31 and 239.37 V.
 *
 * @throws BattError `checksum` or `frame` for bytes that are no valid frames.
 */
export function describeChargerFrames(bytes: Uint8Array, generation: Generation = "g1", overrides: Partial<WordOrders> = {}): FrameDescription[] {
  const orders = wordOrdersFor(generation, overrides);
  // Input 0x0000… and 0x002D… (second generation), holding 0x0600… and the upgrade block 0x3000…, each table named by both maps.
  return describeCapture(bytes, {
    input: [inputRegisterMap(generation, orders), G2_STATUS_REGISTERS],
    holding: [holdingRegisterMap(generation, orders), upgradeRegisterMap(orders.upgrade)],
  });
}
