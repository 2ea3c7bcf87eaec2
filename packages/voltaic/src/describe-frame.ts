import { describeCapture, type FrameDescription } from "@batt/modbus-rtu";
import { LOAD_COIL } from "./constants.js";
import { VOLTAIC_HOLDING_REGISTERS, VOLTAIC_INPUT_REGISTERS, VOLTAIC_STATISTICS_REGISTERS } from "./registers.js";

/**
 * Decodes captured Voltaic RTU bytes (a request, a reply, or a request followed by its reply),
 * naming the registers: `01 04 30 A0 00 01 3E E8` is a read of `batteryVoltage`, and its reply
 * `01 04 02 05 46 …` decodes to 13.5 V.
 *
 * @throws BattError `checksum` or `frame` for bytes that are no valid frames.
 */
export function describeVoltaicFrames(bytes: Uint8Array): FrameDescription[] {
  return describeCapture(bytes, { input: [VOLTAIC_INPUT_REGISTERS, VOLTAIC_STATISTICS_REGISTERS], holding: VOLTAIC_HOLDING_REGISTERS, coils: { [LOAD_COIL]: "loadOutput" } });
}
