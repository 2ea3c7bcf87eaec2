export { EvChargerSimulator } from "./ev-charger-simulator.js";
export type { EvChargerSimulatorOptions } from "./ev-charger-simulator.js";
export { ChargerModel, ChargerState, Mode } from "./charger-model.js";
export type { ChargerModelOptions } from "./charger-model.js";
export { Bootloader } from "./bootloader.js";
export type { BootloaderOptions, InstalledImage } from "./bootloader.js";
/** Re-exported from `@batt/modbus-rtu`: the faults `inject()` takes. */
export type { ReplyFault } from "@batt/modbus-rtu";
export { writeStatus } from "./status-image.js";
export type { StatusExtras } from "./status-image.js";
