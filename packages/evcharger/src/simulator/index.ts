export { EvChargerSimulator } from "./ev-charger-simulator.js";
export type { EvChargerSimulatorOptions } from "./ev-charger-simulator.js";
export { ChargerModel, ChargerState, Mode } from "./charger-model.js";
export type { ChargerModelOptions } from "./charger-model.js";
export { Bootloader } from "./bootloader.js";
export type { BootloaderOptions, InstalledImage } from "./bootloader.js";
/** Re-exported from `@batt/core/simulator`: the shared faults `inject()` takes. */
export type { ReplyFault } from "@batt/core/simulator";
export { writeStatus } from "./status-image.js";
export type { StatusExtras } from "./status-image.js";
