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
  /** Initial open-circuit cell voltages, V (sets each cell's state of charge). */
  readonly cellVoltages?: readonly number[];
  /** Internal resistance per cell, mΩ: one value for all or one per cell (default 1). */
  readonly internalResistanceMilliohm?: number | readonly number[];
  /** NTC temperatures, °C (default `[25, 25]`). */
  readonly temperatures?: readonly number[];
  /** Current drawn (negative) or charged (positive), A (default 0). */
  readonly currentA?: number;
}

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
    this.cells = Array.from({ length: count }, (_, i) => ({
      soc: config.cellVoltages ? socAt(this.profile, config.cellVoltages[i]!) : (config.soc ?? 60) / 100,
      resistance: (typeof r === "number" ? r : (r[i] ?? r[0] ?? 1)) / 1000,
    }));
    this.temperatures = [...(config.temperatures ?? [25, 25])];
    this.demandA = config.currentA ?? 0;
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
