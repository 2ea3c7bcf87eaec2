export { VoltaicController } from "./voltaic-controller.js";
export type { VoltaicControllerOptions, CallOptions } from "./voltaic-controller.js";
export { VOLTAIC_INPUT_REGISTERS, VOLTAIC_HOLDING_REGISTERS, REALTIME_BLOCKS, LOAD_STATE_BLOCKS } from "./registers.js";
export type { ReadBlock } from "./registers.js";
export {
  DEFAULT_UNIT,
  WILDCARD_UNIT,
  VOLTAIC_LINK,
  DEFAULT_TIMEOUT_MS,
  DEFAULT_MIN_GAP_MS,
  LOAD_COIL,
  DEFAULT_LVP_RANGE,
} from "./constants.js";
export type { LvpRange } from "./constants.js";
export { checkLvp, checkLvpRange } from "./lvp.js";
export type { LvpWriteResult } from "./lvp.js";
export type { VoltaicReading, VoltaicRealtime, RawBlock, LoadSwitchResult } from "./reading.js";
export { describeVoltaicFrames } from "./describe-frame.js";
