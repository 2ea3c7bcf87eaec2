import { BattError } from "@batt/core";
import { chemistryProfile, ocvAt, socAt, type Chemistry, type ChemistryProfile } from "./chemistry.js";

/** The simulated battery pack. */
export interface PackConfig {
  /** Number of series cells (default 4; 1–32). */
  readonly cells?: number;
  /** Cell chemistry (default `lifepo4`). */
  readonly chemistry?: Chemistry;
  /** Capacity, Ah (default 100). */
  readonly capacityAh?: number;
  /** Initial state of charge, % (default 60); ignored when `cellVoltages` is given. */
  readonly soc?: number;
  /**
   * How far apart the cells' states of charge start, percentage points between the fullest and the
   * emptiest cell (default {@link DEFAULT_SOC_SPREAD}: a few mV, as in a real pack); 0 for identical
   * cells. Spread around `soc` in a fixed pattern; ignored when `cellVoltages` is given.
   */
  readonly socSpread?: number;
  /** Initial open-circuit cell voltages, V (sets each cell's state of charge). */
  readonly cellVoltages?: readonly number[];
  /** Internal resistance per cell, mΩ: one value for all or one per cell (default 1). */
  readonly internalResistanceMilliohm?: number | readonly number[];
  /** NTC temperatures, °C (default `[25, 25]`). */
  readonly temperatures?: readonly number[];
  /** Current drawn (negative) or charged (positive), A (default {@link DEFAULT_CURRENT_A}: a small load). */
  readonly currentA?: number;
}

/** Default current of the pack, A: a small load, so that a reading shows the pack at work. */
export const DEFAULT_CURRENT_A = -2.5;

/** Default spread of the cells' states of charge, percentage points (about 4 mV on LiFePO4 at 60 %). */
export const DEFAULT_SOC_SPREAD = 4;

/**
 * Where each cell sits within the spread (−0.5 = emptiest, +0.5 = fullest), repeated for packs of
 * more cells. Fixed rather than random, so a simulated pack is the same on every run; both extremes
 * fall within the first three cells, so small packs show the whole spread too.
 */
const SPREAD_PATTERN: readonly number[] = [0.1, -0.5, 0.5, -0.15, 0.3, -0.35, 0.2, -0.05];

/** One cell of the model. */
export interface CellState {
  /** State of charge, 0..1. */
  soc: number;
  /** Internal resistance, Ω. */
  resistance: number;
}

/**
 * A series pack: per-cell state of charge integrated from the current, terminal voltage = OCV(soc)
 * + I·R. Knows nothing about the BMS; the device decides which current actually flows.
 */
export class PackModel {
  /** The cells, cell 1 first. */
  readonly cells: CellState[];
  /** Chemistry profile in use. */
  readonly profile: ChemistryProfile;
  /** Chemistry name. */
  readonly chemistry: Chemistry;
  /** Capacity of every cell, Ah. */
  readonly capacityAh: number;
  /** NTC temperatures, °C. */
  temperatures: number[];
  /** Current the load or charger asks for, A (+ = charge). */
  demandA: number;

  constructor(config: PackConfig = {}) {
    const count = config.cellVoltages?.length ?? config.cells ?? 4;
    if (!Number.isInteger(count) || count < 1 || count > 32) throw new BattError("invalid-argument", `cell count must be 1..32: ${count}`);
    this.chemistry = config.chemistry ?? "lifepo4";
    this.profile = chemistryProfile(this.chemistry);
    this.capacityAh = config.capacityAh ?? 100;
    const r = config.internalResistanceMilliohm ?? 1;
    if (config.socSpread !== undefined && !(config.socSpread >= 0 && config.socSpread <= 100)) {
      throw new BattError("invalid-argument", `socSpread must be 0..100 percentage points: ${config.socSpread}`);
    }
    const spread = count > 1 ? (config.socSpread ?? DEFAULT_SOC_SPREAD) : 0;
    const soc = (i: number): number => Math.min(1, Math.max(0, ((config.soc ?? 60) + spread * SPREAD_PATTERN[i % SPREAD_PATTERN.length]!) / 100));
    this.cells = Array.from({ length: count }, (_, i) => ({
      soc: config.cellVoltages ? socAt(this.profile, config.cellVoltages[i]!) : soc(i),
      resistance: (typeof r === "number" ? r : (r[i] ?? r[0] ?? 1)) / 1000,
    }));
    this.temperatures = [...(config.temperatures ?? [25, 25])];
    this.demandA = config.currentA ?? DEFAULT_CURRENT_A;
  }

  /** Open-circuit voltage of cell `i`, V. */
  ocv(i: number): number {
    return ocvAt(this.profile, this.cells[i]!.soc);
  }

  /** Terminal voltage of cell `i` while `currentA` flows, V. */
  cellVoltage(i: number, currentA: number): number {
    return this.ocv(i) + currentA * this.cells[i]!.resistance;
  }

  /** Mean state of charge, 0..1. */
  get meanSoc(): number {
    return this.cells.reduce((s, c) => s + c.soc, 0) / this.cells.length;
  }

  /**
   * Advances `ms` with `currentA` through the string and `bleedA` drawn from each cell whose
   * `balancing` flag is set.
   */
  advance(ms: number, currentA: number, balancing: readonly boolean[], bleedA: number): void {
    const hours = ms / 3_600_000;
    this.cells.forEach((cell, i) => {
      const amps = currentA - (balancing[i] ? bleedA : 0);
      cell.soc = Math.min(1, Math.max(0, cell.soc + (amps * hours) / this.capacityAh));
    });
  }
}
