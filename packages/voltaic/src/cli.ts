export { plugin, VoltaicSession, VOLTAIC_COMMANDS, controllerOptions, VOLTAIC_DEVICE_OPTIONS } from "./cli/index.js";
