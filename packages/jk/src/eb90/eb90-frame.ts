/** One verified `55 AA EB 90` frame: its type, counter and all 300 bytes (fields are read from `bytes` through a layout). */
export interface Eb90Frame {
  /** Frame type, byte 4 (0x01 settings, 0x02 cell info, 0x03 device info; others are passed on as they are). */
  readonly type: number;
  /** Frame counter, byte 5. */
  readonly counter: number;
  /** The 300 bytes of the frame, header and checksum included. */
  readonly bytes: Uint8Array;
}
