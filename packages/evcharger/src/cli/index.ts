export { plugin } from "./plugin.js";
export { EvChargerSession } from "./session.js";
export { EVCHARGER_COMMANDS } from "./commands.js";
export { chargerOptions, EVCHARGER_DEVICE_OPTIONS } from "./options.js";
