export { JbdSimulator } from "./jbd-simulator.js";
export type { JbdSimulatorOptions, SimulatorCounters } from "./jbd-simulator.js";
export { JbdDevice } from "./jbd-device.js";
export type { DeviceReply } from "./jbd-device.js";
export type { JbdDeviceOptions } from "./device-options.js";
export { PackModel, DEFAULT_CURRENT_A, DEFAULT_SOC_SPREAD } from "./pack-model.js";
export type { PackConfig, CellState } from "./pack-model.js";
export { CHEMISTRIES, chemistryProfile, ocvAt, socAt } from "./chemistry.js";
export type { Chemistry, ChemistryProfile } from "./chemistry.js";
export { ProtectionMonitor, CHARGE_BLOCKING, DISCHARGE_BLOCKING } from "./protections.js";
export type { ProtectionInputs, SettingReader } from "./protections.js";
export { EepromStore } from "./eeprom-store.js";
export { defaultEeprom } from "./default-eeprom.js";
export type { EepromSeed } from "./default-eeprom.js";
export { applyFault } from "./faults.js";
export type { SimulatorFault, ReplyPiece } from "./faults.js";
/** Re-exported from `@batt/core` for simulations on a virtual clock. */
export { ManualClock } from "@batt/core";
export { decodePasswordBytes } from "./password-check.js";
