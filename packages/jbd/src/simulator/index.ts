export { JbdSimulator } from "./jbd-simulator.js";
export type { JbdSimulatorOptions, SimulatorCounters } from "./jbd-simulator.js";
export { JbdDevice, JBD_SIMULATOR_DEFAULT_CURRENT } from "./jbd-device.js";
export type { DeviceReply } from "./jbd-device.js";
export type { JbdDeviceOptions } from "./device-options.js";
export { ProtectionMonitor, CHARGE_BLOCKING, DISCHARGE_BLOCKING } from "./protections.js";
export type { ProtectionInputs, SettingReader } from "./protections.js";
export { EepromStore } from "./eeprom-store.js";
export { defaultEeprom } from "./default-eeprom.js";
export type { EepromSeed } from "./default-eeprom.js";
export { applyJbdDeviceFault } from "./faults.js";
export type { JbdDeviceFault } from "./faults.js";
export type { ReplyPiece } from "@batt/core/simulator";
/** Re-exported from `@batt/core` for simulations on a virtual clock. */
export { ManualClock } from "@batt/core/testing";
export { decodePasswordBytes } from "./password-check.js";
