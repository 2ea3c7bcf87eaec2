export { VoltaicSimulator } from "./voltaic-simulator.js";
export type { VoltaicSimulatorOptions } from "./voltaic-simulator.js";
export { SolarSystem, VOLTAIC_BATTERY } from "./solar-system.js";
export type { SolarSystemOptions, SolarSnapshot } from "./solar-system.js";
export { clearSkyIrradiance, SUNRISE_HOUR, SUNSET_HOUR } from "./irradiance.js";
/** Re-exported from `@batt/core/simulator`: the shared faults `inject()` takes. */
export type { ReplyFault } from "@batt/core/simulator";
export { SIMULATED_TABLES, writeSnapshot } from "./register-image.js";
