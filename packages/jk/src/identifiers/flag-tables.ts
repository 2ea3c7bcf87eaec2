/** Warning bits of identifier 0x8B, bit number to name (docs/protocols/jk.md#warnings-0x8b). */
export const JK_WARNING_BITS = {
  0: "lowCapacity",
  1: "mosOvertemperature",
  2: "chargeOvervoltage",
  3: "dischargeUndervoltage",
  4: "batteryOvertemperature",
  5: "chargeOvercurrent",
  6: "dischargeOvercurrent",
  7: "cellVoltageDifference",
  8: "boxOvertemperature",
  9: "batteryUndertemperature",
  10: "cellOvervoltage",
  11: "cellUndervoltage",
  12: "protection309A",
  13: "protection309B",
} as const;

/** Status bits of identifier 0x8C (docs/protocols/jk.md#status-0x8c): the actual MOSFET and balancer states. */
export const JK_STATUS_BITS = {
  0: "chargeMosOn",
  1: "dischargeMosOn",
  2: "balancing",
  3: "batteryConnected",
} as const;

/** Name of a warning bit. */
export type JkWarningName = (typeof JK_WARNING_BITS)[keyof typeof JK_WARNING_BITS];

/** Name of a status bit. */
export type JkStatusName = (typeof JK_STATUS_BITS)[keyof typeof JK_STATUS_BITS];

/**
 * A bit field decoded by a table: the raw value, the names of the set bits, and every named bit as a
 * boolean. Set bits without a name are kept in `raw` and listed in `unnamed`.
 */
export interface JkFlags<N extends string> {
  /** The raw value. */
  readonly raw: number;
  /** Names of the set bits, in bit order. */
  readonly active: readonly N[];
  /** Set bits that the table does not name (reserved bits). */
  readonly unnamed: readonly number[];
  /** Every named bit. */
  readonly flags: Readonly<Record<N, boolean>>;
}

/** Decodes `raw` with a bit table. */
export function decodeFlags<N extends string>(raw: number, table: Readonly<Record<number, N>>): JkFlags<N> {
  const active: N[] = [];
  const unnamed: number[] = [];
  const flags = {} as Record<N, boolean>;
  for (const name of Object.values(table) as N[]) flags[name] = false;
  for (let bit = 0; bit < 32; bit++) {
    if (Math.floor(raw / 2 ** bit) % 2 === 0) continue;
    const name = table[bit];
    if (name === undefined) unnamed.push(bit);
    else {
      active.push(name);
      flags[name] = true;
    }
  }
  return { raw, active, unnamed, flags };
}

/** The raw value with the named bits set (the inverse of {@link decodeFlags}, for the simulator). */
export function encodeFlags<N extends string>(names: Iterable<N>, table: Readonly<Record<number, N>>): number {
  let raw = 0;
  for (const name of names) {
    const bit = Object.keys(table).find((key) => table[Number(key)] === name);
    if (bit !== undefined) raw |= 1 << Number(bit);
  }
  return raw >>> 0;
}
