import { crc16Modbus } from "@batt/core";
import { Eb90FrameType } from "../eb90/eb90-constants.js";
import { checkPbAddress } from "./pb-blocks.js";

/**
 * The JK-PB trigger registers (docs/protocols/jk.md#jk-pb-on-rs-485-triggers): an FC 0x10 write of one
 * zero register to 0x161C, 0x161E or 0x1620 is answered by a `55 AA EB 90` frame of type 0x03
 * (device info), 0x01 (settings) or 0x02 (cell info), then the FC 0x10 acknowledgement.
 */
export const JK_PB_TRIGGERS = {
  deviceInfo: { register: 0x161c, frameType: Eb90FrameType.DeviceInfo },
  settings: { register: 0x161e, frameType: Eb90FrameType.Settings },
  cellInfo: { register: 0x1620, frameType: Eb90FrameType.CellInfo },
} as const;

/** One of the three triggers. */
export type JkPbTrigger = keyof typeof JK_PB_TRIGGERS;

/** The frame type a trigger register is answered with, or undefined for another register. */
export function frameTypeOfTrigger(register: number): number | undefined {
  for (const trigger of Object.values(JK_PB_TRIGGERS)) if (trigger.register === register) return trigger.frameType;
  return undefined;
}

/**
 * The 11-byte FC 0x10 request of a trigger: `ADDR 10 16 XX 00 01 02 00 00 CRC` (address 1, cell
 * info: `01 10 16 20 00 01 02 00 00 D6 F1`).
 *
 * @throws BattError `invalid-argument` for an address outside 1..15 (0 is the bus master).
 */
export function encodePbTrigger(address: number, trigger: JkPbTrigger): Uint8Array {
  return encodeTriggerRequest(checkPbAddress(address), JK_PB_TRIGGERS[trigger].register);
}

/** The trigger request as a master sends it (address 0..15, any register); {@link encodePbTrigger} is the host's. */
export function encodeTriggerRequest(address: number, register: number): Uint8Array {
  const frame = Uint8Array.of(address, 0x10, register >> 8, register & 0xff, 0x00, 0x01, 0x02, 0x00, 0x00, 0, 0);
  const crc = crc16Modbus(frame, 0, 9);
  frame[9] = crc & 0xff;
  frame[10] = crc >> 8;
  return frame;
}

/** The 8-byte FC 0x10 acknowledgement `ADDR 10 REG 00 01 CRC` a pack sends after its frame. */
export function encodePbAcknowledgement(address: number, register: number): Uint8Array {
  const frame = Uint8Array.of(address, 0x10, register >> 8, register & 0xff, 0x00, 0x01, 0, 0);
  const crc = crc16Modbus(frame, 0, 6);
  frame[6] = crc & 0xff;
  frame[7] = crc >> 8;
  return frame;
}
