export { plugin } from "./plugin.js";
export { VoltaicSession } from "./session.js";
export { VOLTAIC_COMMANDS } from "./commands.js";
export { controllerOptions, VOLTAIC_DEVICE_OPTIONS } from "./options.js";
