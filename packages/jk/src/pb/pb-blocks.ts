import { BattError } from "@batt/core";

/**
 * The JK-PB register blocks. A register address is the block base plus a **byte** offset
 * (CellVol1 = 0x1202, BatVol = 0x1290), while a read of N registers returns 2N contiguous bytes
 * (docs/protocols/jk.md#jk-pb-register-blocks). The register maps of this package therefore count in 16-bit words from the
 * start of a block; {@link pbRegisterAddress} turns a word offset into the address on the wire.
 */
export const JkPbBlock = {
  /** 0x1000: settings (read/write). */
  settings: { base: 0x1000, bytes: 0x11c },
  /** 0x1200: live cell and pack data (read). */
  live: { base: 0x1200, bytes: 0x10c },
  /** 0x1400: device information (read). */
  deviceInfo: { base: 0x1400, bytes: 0xe6 },
  /** 0x1600: commands (write). */
  commands: { base: 0x1600, bytes: 0x16 },
} as const;

/** A block: its base address and size in bytes. */
export interface JkPbBlockLayout {
  /** Address of byte 0. */
  readonly base: number;
  /** Size in bytes. */
  readonly bytes: number;
}

/** The Modbus address of the register `wordOffset` 16-bit words into `block`. */
export function pbRegisterAddress(block: JkPbBlockLayout, wordOffset: number): number {
  return block.base + 2 * wordOffset;
}

/** DIP-switch addresses a host may talk to: 1..15 (0 is the bus master, docs/protocols/jk.md#jk-pb-modbus). */
export const JK_PB_ADDRESSES = { min: 1, max: 15 } as const;

/**
 * Checks a pack address.
 *
 * @throws BattError `invalid-argument` for 0 (the bus master, which a host must never use) or anything outside 1..15.
 */
export function checkPbAddress(address: number): number {
  if (address === 0) throw new BattError("invalid-argument", "address 0 is the JK-PB bus master; a host must talk to slaves 1..15");
  if (!Number.isInteger(address) || address < JK_PB_ADDRESSES.min || address > JK_PB_ADDRESSES.max) {
    throw new BattError("invalid-argument", `JK-PB address must be 1..15 (the DIP switch), got ${address}`);
  }
  return address;
}
