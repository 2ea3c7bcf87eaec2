export { plugin, VoltaicSession, formatVoltaicReading, VOLTAIC_COMMANDS, controllerOptions } from "./cli/index.js";
