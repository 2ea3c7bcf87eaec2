/** First two bytes of every frame: `4E 57` ("NW"). */
export const JK_STX = Uint8Array.of(0x4e, 0x57);

/** The end byte before the checksum. */
export const JK_END_BYTE = 0x68;

/** Bytes of a frame outside its information field: STX 2, LENGTH 2, terminal 4, command, source, type, record 4, end 1, checksum 4. */
export const JK_FRAME_OVERHEAD = 20;

/** Offset of the information field. */
export const JK_INFO_OFFSET = 11;

/** Smallest LENGTH value: a frame with a one-byte information field (a read request). */
export const JK_MIN_LENGTH = 19;

/**
 * Default largest LENGTH value accepted. A 32-cell read-all reply is about 340; the margin leaves
 * room for identifiers newer firmware adds, while a length read from noise is still refused quickly.
 */
export const JK_DEFAULT_MAX_LENGTH = 512;

/** Line speed of the 4E57 port and of JK-PB RS-485: 115200 baud, 8N1. */
export const JK_BAUD_RATE = 115200;

/** Command words (offset 8). The reply echoes the command of its request. */
export const JkCommand = {
  /** Wakes a hibernating BMS. */
  Activate: 0x01,
  /** Writes one identifier. */
  Write: 0x02,
  /** Reads one identifier; identifier 0x00 reads everything. */
  Read: 0x03,
  /** Password / pairing; precedes writes and gets no reply. */
  Password: 0x05,
  /** Reads every identifier. */
  ReadAll: 0x06,
} as const;

/** One of the {@link JkCommand} values. */
export type JkCommand = (typeof JkCommand)[keyof typeof JkCommand];

/** Frame source (offset 9): who sent the frame. */
export const JkSource = {
  /** The BMS (every reply). */
  Bms: 0x00,
  /** A Bluetooth module. */
  Bluetooth: 0x01,
  /** The GPS / 4G module port (what ESPHome sends). */
  Gps: 0x02,
  /** A PC (the vendor's examples). */
  Pc: 0x03,
} as const;

/** One of the {@link JkSource} values. */
export type JkSource = (typeof JkSource)[keyof typeof JkSource];

/** Transmission type (offset 10) by name. */
export const JkTransmission = {
  /** A request to the BMS. */
  request: 0x00,
  /** The BMS's answer. */
  response: 0x01,
  /** Data the BMS sends on its own. */
  upload: 0x02,
} as const;

/** Name of a transmission type. */
export type JkTransmissionName = keyof typeof JkTransmission;
