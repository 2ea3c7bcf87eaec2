import { describeCapture, type FrameDescription, type NamingMap } from "./describe-capture.js";
import type { Generation } from "./generation.js";
import { holdingRegisterMap } from "./holding-registers.js";
import { G2_STATUS_REGISTERS, inputRegisterMap } from "./input-registers.js";
import { upgradeRegisterMap } from "./upgrade/upgrade-registers.js";
import { wordOrdersFor, type WordOrders } from "./word-order.js";

/** Two maps named as one, for tables that hold both (input 0x0000… and 0x002D…; holding 0x0600… and 0x3000…). */
function joined(a: NamingMap, b: NamingMap): NamingMap {
  return { fields: { ...a.fields, ...b.fields }, decodePartial: (address, registers) => ({ ...a.decodePartial(address, registers), ...b.decodePartial(address, registers) }) };
}

/**
 * Decodes captured EV charger RTU bytes (a request, a reply, or a request followed by its reply),
 * naming registers with the maps of `generation` (default `g1`) and its word orders:
 * `46 04 00 00 00 03 BF 7C` followed by `46 04 06 5D 3E 5D 7B 5D 81 C8 AD` gives 238.70, 239.31 and 239.37 V.
 *
 * @throws BattError `checksum` or `frame` for bytes that are no valid frames.
 */
export function describeChargerFrames(bytes: Uint8Array, generation: Generation = "g1", overrides: Partial<WordOrders> = {}): FrameDescription[] {
  const orders = wordOrdersFor(generation, overrides);
  return describeCapture(bytes, {
    input: joined(inputRegisterMap(generation, orders), G2_STATUS_REGISTERS),
    holding: joined(holdingRegisterMap(generation, orders), upgradeRegisterMap(orders.upgrade)),
  });
}
