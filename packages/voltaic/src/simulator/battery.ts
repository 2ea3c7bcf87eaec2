/** Open-circuit voltage of a 12.8 V LiFePO4 pack (the batteries Voltaic ships) by state of charge, as [soc, volts] points. */
const OCV_CURVE: readonly (readonly [number, number])[] = [
  [0, 10.0],
  [0.05, 12.0],
  [0.1, 12.8],
  [0.2, 13.0],
  [0.3, 13.1],
  [0.7, 13.2],
  [0.9, 13.3],
  [0.99, 13.4],
  [1, 13.6],
];

/** Options for {@link Battery}. */
export interface BatteryOptions {
  /** Capacity, Ah (default 18, the V108 kit). */
  readonly capacityAh?: number;
  /** State of charge at the start, 0..1 (default 0.8). */
  readonly soc?: number;
  /** Internal resistance, Ω (default 0.05). */
  readonly resistanceOhm?: number;
}

/** A 12 V battery: charge bookkeeping and terminal voltage from an open-circuit curve and an internal resistance. */
export class Battery {
  /** Capacity, Ah. */
  readonly capacityAh: number;
  /** Internal resistance, Ω. */
  readonly resistanceOhm: number;
  /** State of charge, 0..1. */
  soc: number;

  constructor(options: BatteryOptions = {}) {
    this.capacityAh = options.capacityAh ?? 18;
    this.resistanceOhm = options.resistanceOhm ?? 0.05;
    this.soc = clamp01(options.soc ?? 0.8);
  }

  /** Open-circuit voltage at the present state of charge, V. */
  openCircuitVoltage(): number {
    for (let i = 1; i < OCV_CURVE.length; i++) {
      const [s1, v1] = OCV_CURVE[i]!;
      const [s0, v0] = OCV_CURVE[i - 1]!;
      if (this.soc <= s1) return v0 + ((v1 - v0) * (this.soc - s0)) / (s1 - s0);
    }
    return OCV_CURVE[OCV_CURVE.length - 1]![1];
  }

  /** Terminal voltage with `currentA` flowing in (positive: charging), V. */
  terminalVoltage(currentA: number): number {
    return this.openCircuitVoltage() + currentA * this.resistanceOhm;
  }

  /** Moves `currentA` (positive: charging) through the battery for `hours`. */
  flow(currentA: number, hours: number): void {
    this.soc = clamp01(this.soc + (currentA * hours) / this.capacityAh);
  }
}

function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}
