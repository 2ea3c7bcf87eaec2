export { plugin, EvChargerSession, EVCHARGER_COMMANDS, chargerOptions, EVCHARGER_DEVICE_OPTIONS } from "./cli/index.js";
