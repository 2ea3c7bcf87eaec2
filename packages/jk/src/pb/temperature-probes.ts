/** Battery temperature probes a JK-PB or JK02 frame can carry, numbered as the BMS numbers them. */
export const JK_PROBE_NUMBERS = [1, 2, 3, 4, 5] as const;

/** The presence byte of a BMS with its MOSFET sensor and every probe in `probes` fitted (the simulator's side). */
export function presenceByteOf(probes: readonly number[]): number {
  return probes.reduce((mask, n) => mask | (1 << n), 1);
}

/**
 * The probes a presence byte marks as fitted, among `numbers` (the probes the frame has a value for).
 * Bit 0 is the MOSFET sensor, bit n battery probe n; 1 means fitted, 0 missing
 * (docs/protocols/jk.md#temperature-sensor-presence). A byte of 0 would mean not even the on-board
 * MOSFET sensor is there: firmware that leaves the byte empty, so every probe is kept (`undefined`
 * presence means the same).
 */
export function fittedProbeNumbers(presence: number | undefined, numbers: readonly number[]): number[] {
  if (presence === undefined || presence === 0) return [...numbers];
  return numbers.filter((n) => (presence & (1 << n)) !== 0);
}

/** Whether the presence byte says the MOSFET sensor is missing (bit 0 clear in a byte that is not empty). */
export function mosSensorMissing(presence: number | undefined): boolean {
  return presence !== undefined && presence !== 0 && (presence & 1) === 0;
}

/** The values and sensor numbers of the fitted probes: `values[i]` belongs to probe i + 1. */
export function fittedProbes(values: readonly number[], presence: number | undefined): { readonly temperatures: number[]; readonly sensors: number[] } {
  const sensors = fittedProbeNumbers(
    presence,
    values.map((_, i) => i + 1),
  );
  return { temperatures: sensors.map((n) => values[n - 1]!), sensors };
}
