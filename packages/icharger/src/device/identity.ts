import type { DeviceIdentity } from "@batt/core";
import type { ChargerModel } from "../models/model.js";
import type { DeviceInfo } from "../status/device-info.js";

/** The plugin id, which is the `driver` of every identity and reading. */
export const ICHARGER_DRIVER = "icharger";

/**
 * Who the charger is in the shared model: Junsi, the model's name from the model table, the serial
 * number and versions from the device-info block, and the bus address on serial links.
 */
export function chargerIdentity(model: ChargerModel, info: DeviceInfo, address?: number): DeviceIdentity {
  return {
    driver: ICHARGER_DRIVER,
    category: "charger",
    manufacturer: "Junsi",
    model: `iCharger ${model.name}`,
    ...(info.serialNumber !== "" ? { serial: info.serialNumber } : {}),
    firmware: info.softwareVersion,
    hardware: info.hardwareVersion,
    ...(address !== undefined ? { address } : {}),
  };
}
