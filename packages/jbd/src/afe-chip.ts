/** AFE (analog front-end) chip types reported by a read of register 0x00 (docs/protocols/jbd.md#afe-chip-type-read-0x00), by code. */
export const AFE_CHIPS: Readonly<Record<number, string>> = {
  0: "TI",
  1: "concave-convex",
  2: "Panasonic",
  3: "Zhongying 309",
  4: "Zhongying 303",
  5: "Jiche",
  6: "OZ3714",
};

/** The AFE chip of a register 0x00 reply (`00 xx`). */
export interface AfeChip {
  /** Chip code. */
  readonly code: number;
  /** Chip name, or `unknown`. */
  readonly name: string;
}

/** Decodes a register 0x00 read reply; uses the last byte so `xx` and `00 xx` both work. */
export function decodeAfeChip(payload: Uint8Array): AfeChip {
  const code = payload.length === 0 ? -1 : payload[payload.length - 1]!;
  return { code, name: AFE_CHIPS[code] ?? "unknown" };
}
