export { VoltaicSimulator } from "./voltaic-simulator.js";
export type { VoltaicSimulatorOptions } from "./voltaic-simulator.js";
export { SolarSystem } from "./solar-system.js";
export type { SolarSystemOptions, SolarSnapshot } from "./solar-system.js";
export { Battery } from "./battery.js";
export type { BatteryOptions } from "./battery.js";
export { clearSkyIrradiance, SUNRISE_HOUR, SUNSET_HOUR } from "./irradiance.js";
/** Re-exported from `@batt/modbus-rtu`: the faults `inject()` takes. */
export type { ReplyFault } from "@batt/modbus-rtu";
export { SIMULATED_TABLES, writeSnapshot } from "./register-image.js";
