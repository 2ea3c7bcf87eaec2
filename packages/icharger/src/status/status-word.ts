/** Bits of a channel status word (device info registers 11/12, docs/protocols/icharger.md#device-info-input-0x0000). */
export const STATUS_BITS = {
  /** Bit 0: the channel runs a program. */
  run: 0,
  /** Bit 1: error (check ~400 ms after RUN to detect a failed start). */
  error: 1,
  /** Bit 2: "control status" (meaning beyond the name undocumented). */
  controlStatus: 2,
  /** Bit 3: "run status" (meaning beyond the name undocumented). */
  runStatus: 3,
  /** Bit 4: a dialog box is open (answer with MSGBOX_YES/NO). */
  dialogBox: 4,
  /** Bit 5: "cell voltage" (balance lead seen; meaning beyond the name undocumented). */
  cellVoltage: 5,
  /** Bit 6: balancing. */
  balancing: 6,
} as const;

/** Name of a status-word flag. */
export type StatusFlag = keyof typeof STATUS_BITS;

/** A decoded status word: the raw value and every named flag. */
export type StatusWord = { readonly raw: number } & { readonly [K in StatusFlag]: boolean };

/** Decodes a status word into named flags. */
export function decodeStatusWord(raw: number): StatusWord {
  const flags = Object.fromEntries(Object.entries(STATUS_BITS).map(([name, bit]) => [name, (raw & (1 << bit)) !== 0])) as Record<StatusFlag, boolean>;
  return { raw, ...flags };
}

/** Builds a status word from flags (for the simulator and tests). */
export function encodeStatusWord(flags: Partial<Record<StatusFlag, boolean>>): number {
  let raw = 0;
  for (const [name, on] of Object.entries(flags)) if (on) raw |= 1 << STATUS_BITS[name as StatusFlag];
  return raw;
}
