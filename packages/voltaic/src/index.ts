export { VoltaicController } from "./voltaic-controller.js";
export type { VoltaicControllerOptions } from "./voltaic-controller.js";
export { VoltaicDeviceSettings } from "./voltaic-device-settings.js";
export { VOLTAIC_INPUT_REGISTERS, VOLTAIC_HOLDING_REGISTERS, VOLTAIC_STATISTICS_REGISTERS, REALTIME_BLOCKS, LOAD_STATE_BLOCKS, HISTORY_BLOCKS } from "./registers.js";
export type { ReadBlock } from "./registers.js";
export {
  VOLTAIC_DEFAULT_ADDRESS,
  VOLTAIC_WILDCARD_ADDRESS,
  VOLTAIC_LINK_DEFAULTS,
  LOAD_COIL,
  VOLTAIC_DEFAULT_LVP_RANGE,
} from "./constants.js";
export type { LvpRange } from "./constants.js";
export { VOLTAIC_LINK } from "./serial-link.js";
export { checkLvp, checkLvpRange } from "./lvp.js";
export type { LvpWriteResult } from "./lvp.js";
export type { VoltaicReading, VoltaicRealtime, RawBlock, LoadSwitchResult } from "./reading.js";
export { voltaicBattery, voltaicMeasurements, chargeStageOf, VOLTAIC_CHARGE_STAGES } from "./measurements.js";
export type { VoltaicChargeStage } from "./measurements.js";
export { describeVoltaicFrames } from "./describe-frame.js";
export { decodeHistory } from "./history.js";
export type { VoltaicHistory } from "./history.js";
