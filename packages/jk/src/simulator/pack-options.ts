import type { Chemistry } from "@batt/core/simulator";

/** The simulated battery pack; every quantity in SI units (V, A, Ah, Ω, °C), state of charge in %. */
export interface PackOptions {
  /** Cells in series (default 16). */
  readonly cells?: number;
  /** Capacity of each cell, Ah (default 100). */
  readonly capacity?: number;
  /** Chemistry (default `lifepo4`; a 4E57 BMS reports `li-ion` as its battery type `ternary`). */
  readonly chemistry?: Chemistry;
  /** Initial state of charge, % 0–100 (default 50). */
  readonly soc?: number;
  /** Spread of the cells' states of charge, percentage points (default 2); cells differ deterministically by `seed`. */
  readonly socSpread?: number;
  /** Seed of the cell spread (default 1). */
  readonly seed?: number;
  /** Internal resistance of a cell, Ω (default 0.0008). */
  readonly cellResistance?: number;
  /** Ambient temperature, °C (default 25). */
  readonly ambient?: number;
  /** Current of the active balancer, A (default 1). */
  readonly balanceCurrent?: number;
  /** Current the load or charger draws at start, A, charging positive (default 0). */
  readonly current?: number;
  /**
   * Battery temperature probes fitted, numbered 1–5 as a JK-PB numbers them (default all five; a
   * 24-cell JK02 frame has room for 1 and 2 only). The JK-PB and `55 AA EB 90` simulators report
   * them in the presence byte; the 4E57 simulator always sends its two sensors.
   */
  readonly probes?: readonly number[];
}
