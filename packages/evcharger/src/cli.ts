export { plugin, EvChargerSession, formatChargerReading, EVCHARGER_COMMANDS, chargerOptions } from "./cli/index.js";
