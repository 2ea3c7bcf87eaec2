import type { DeviceControl } from "@batt/core";
import type { JkBms } from "../jk-bms.js";
import type { JkPbBus } from "../pb/jk-pb-bus.js";

/**
 * What an application may change on a 4E57 JK BMS while it watches it: the charge and discharge
 * MOSFET enable switches (0xAB, 0xAC: the writes known to work on real units), each read back.
 */
export function jk4e57Controls(bms: JkBms): DeviceControl[] {
  return [
    { kind: "switch", key: "charge_mosfet", name: "Charge MOSFET", state: "charge_switch", set: async (on, signal) => void (await bms.setChargeSwitch(on, signal ? { signal } : {})) },
    { kind: "switch", key: "discharge_mosfet", name: "Discharge MOSFET", state: "discharge_switch", set: async (on, signal) => void (await bms.setDischargeSwitch(on, signal ? { signal } : {})) },
  ];
}

/**
 * The charge and discharge MOSFETs and the balancer of each JK-PB pack, read back after each write;
 * with several packs, keys and states carry the pack's prefix (`pack2_charge_mosfet`).
 */
export function jkPbControls(bus: JkPbBus, addresses: readonly number[]): DeviceControl[] {
  return addresses.flatMap((address): DeviceControl[] => {
    const pack = bus.pack(address);
    const prefix = addresses.length > 1 ? `pack${address}_` : "";
    const label = addresses.length > 1 ? `Pack ${address} ` : "";
    const options = (signal?: AbortSignal) => (signal ? { signal } : {});
    return [
      { kind: "switch", key: `${prefix}charge_mosfet`, name: `${label}Charge MOSFET`, state: `${prefix}charge_allowed`, set: async (on, signal) => void (await pack.setChargeSwitch(on, options(signal))) },
      { kind: "switch", key: `${prefix}discharge_mosfet`, name: `${label}Discharge MOSFET`, state: `${prefix}discharge_allowed`, set: async (on, signal) => void (await pack.setDischargeSwitch(on, options(signal))) },
      { kind: "switch", key: `${prefix}balancer`, name: `${label}Balancer`, set: async (on, signal) => void (await pack.setBalancer(on, options(signal))) },
    ];
  });
}
