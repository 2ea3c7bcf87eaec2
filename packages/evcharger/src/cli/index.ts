export { plugin } from "./plugin.js";
export { EvChargerSession } from "./session.js";
export { formatChargerReading } from "./format.js";
export { EVCHARGER_COMMANDS } from "./commands.js";
export { chargerOptions } from "./options.js";
