import { eb90Checksum } from "./eb90-checksum.js";
import { EB90_COUNTER_OFFSET, EB90_FRAME_LENGTH, EB90_HEADER, EB90_TYPE_OFFSET } from "./eb90-constants.js";
import { encodeLayout, type Eb90Layout, type Eb90Values } from "./eb90-layout.js";

/**
 * Builds one 300-byte `55 AA EB 90` frame: header, `type`, `counter`, the `values` written with
 * `layout` (reserved bytes zero), and the checksum. What simulators send, over RS-485 or BLE.
 */
export function encodeEb90Frame(layout: Eb90Layout, type: number, counter: number, values: Eb90Values): Uint8Array {
  const frame = new Uint8Array(EB90_FRAME_LENGTH);
  frame.set(EB90_HEADER, 0);
  frame[EB90_TYPE_OFFSET] = type;
  frame[EB90_COUNTER_OFFSET] = counter & 0xff;
  encodeLayout(layout, values, frame);
  frame[EB90_FRAME_LENGTH - 1] = eb90Checksum(frame, 0, EB90_FRAME_LENGTH - 1);
  return frame;
}
