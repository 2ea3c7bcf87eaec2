export { plugin } from "./plugin.js";
export { VoltaicSession } from "./session.js";
export { formatVoltaicReading } from "./format.js";
export { VOLTAIC_COMMANDS } from "./commands.js";
export { controllerOptions } from "./options.js";
