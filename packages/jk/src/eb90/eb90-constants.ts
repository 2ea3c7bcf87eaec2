/** The four bytes that start every `55 AA EB 90` frame the BMS sends (docs/protocols/jk.md#55-aa-eb-90-protocol). */
export const EB90_HEADER: readonly number[] = [0x55, 0xaa, 0xeb, 0x90];

/** The four bytes that start every command sent to the BMS (`AA 55 90 EB`, the header's bytes swapped in pairs). */
export const EB90_COMMAND_HEADER: readonly number[] = [0xaa, 0x55, 0x90, 0xeb];

/** Bytes of one `55 AA EB 90` frame, checksum included (byte 299). Some firmware pads a BLE notification to 320 bytes; only the first 300 count. */
export const EB90_FRAME_LENGTH = 300;

/** Bytes of one `AA 55 90 EB` command. */
export const EB90_COMMAND_LENGTH = 20;

/** Offset of the frame type byte. */
export const EB90_TYPE_OFFSET = 4;

/** Offset of the frame counter byte (the BMS counts its frames modulo 256). */
export const EB90_COUNTER_OFFSET = 5;

/** Frame types (byte 4). */
export const Eb90FrameType = {
  /** 0x01: settings. */
  Settings: 0x01,
  /** 0x02: cell info (the live state). */
  CellInfo: 0x02,
  /** 0x03: device info. */
  DeviceInfo: 0x03,
} as const;

/** A frame type value. */
export type Eb90FrameTypeCode = (typeof Eb90FrameType)[keyof typeof Eb90FrameType];

/** Names of the frame types, as they appear in decoded output. */
export const EB90_FRAME_TYPE_NAMES: Readonly<Record<Eb90FrameTypeCode, "settings" | "cell-info" | "device-info">> = {
  [Eb90FrameType.Settings]: "settings",
  [Eb90FrameType.CellInfo]: "cell-info",
  [Eb90FrameType.DeviceInfo]: "device-info",
};

/** Command registers (byte 4 of a command) that read rather than write. */
export const Eb90Command = {
  /** 0x96: start sending cell info frames (the BMS answers with a settings frame, then cell info frames). */
  CellInfo: 0x96,
  /** 0x97: send the device info frame. */
  DeviceInfo: 0x97,
} as const;
