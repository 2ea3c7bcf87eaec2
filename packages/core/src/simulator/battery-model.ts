import { BattError } from "../errors.js";
import { chemistryProfile, ocvAt, socAt, type Chemistry, type ChemistryProfile } from "./chemistry.js";

/** Options of a {@link BatteryModel}; every quantity in SI units (V, A, Ah, Ω, °C), state of charge in %. */
export interface BatteryModelOptions {
  /** Number of cells in series (default 4; 1–32). */
  readonly cells?: number;
  /** Cell chemistry (default `lifepo4`). */
  readonly chemistry?: Chemistry;
  /** Capacity, Ah (default 100). */
  readonly capacity?: number;
  /** Initial state of charge, % 0–100 (default 60); ignored when `cellVoltages` is given. */
  readonly soc?: number;
  /**
   * How far apart the cells' states of charge start, percentage points between the fullest and the
   * emptiest cell (default {@link DEFAULT_SOC_SPREAD}: a few mV, as in a real pack); 0 for identical
   * cells. Spread around `soc` in a fixed pattern, so a simulated pack is the same on every run.
   */
  readonly socSpread?: number;
  /** Initial open-circuit cell voltages, V (set each cell's state of charge; their count sets `cells`). */
  readonly cellVoltages?: readonly number[];
  /** Internal resistance per cell, Ω: one value for all or one per cell (default 0.001). */
  readonly cellResistance?: number | readonly number[];
  /** Ambient temperature, °C (default 25); the pack starts there. */
  readonly ambient?: number;
  /** Offsets of the temperature sensors from the pack's temperature, °C (default `[0, 0]`: two sensors). */
  readonly sensorOffsets?: readonly number[];
  /** Current the load or charger asks for, A: positive charges (default 0). */
  readonly current?: number;
}

/** Default spread of the cells' states of charge, percentage points (about 4 mV on LiFePO4 at 60 %). */
export const DEFAULT_SOC_SPREAD = 4;

/**
 * Where each cell sits within the spread (−0.5 = emptiest, +0.5 = fullest), repeated for longer
 * packs; both extremes fall within the first three cells, so small packs show the whole spread too.
 */
const SPREAD_PATTERN: readonly number[] = [0.1, -0.5, 0.5, -0.15, 0.3, -0.35, 0.2, -0.05];

/** Heat capacity of the pack per Ah of capacity, J/K per Ah (about 1 kg of LiFePO4 cells per 100 Ah at 4S). */
const HEAT_CAPACITY_PER_AH = 10;
/** Heat lost to the surroundings per kelvin above ambient, W/K. */
const COOLING_W_PER_K = 0.5;

/** One cell of the model. */
export interface CellState {
  /** State of charge, % 0–100. */
  soc: number;
  /** Internal resistance, Ω. */
  resistance: number;
}

/**
 * A series pack every simulator shares: per-cell state of charge integrated from the current, cell
 * terminal voltage = OCV(soc) + I·R, Joule heating against cooling to ambient. Knows nothing of the
 * BMS or charger around it: the device decides which current flows.
 */
export class BatteryModel {
  /** The cells, cell 1 first. */
  readonly cells: CellState[];
  /** The chemistry. */
  readonly chemistry: Chemistry;
  /** Its profile (curve and limits). */
  readonly profile: ChemistryProfile;
  /** Capacity of every cell, Ah. */
  readonly capacity: number;
  /** Ambient temperature, °C. */
  ambient: number;
  /** Temperature of the pack, °C. */
  temperature: number;
  /** Offsets of the temperature sensors from the pack's temperature, °C. */
  readonly sensorOffsets: number[];
  /** Current the load or charger asks for, A (positive charges). */
  current: number;

  /** @throws BattError `invalid-argument` for a cell count outside 1–32 or a spread outside 0–100. */
  constructor(options: BatteryModelOptions = {}) {
    const count = options.cellVoltages?.length ?? options.cells ?? 4;
    if (!Number.isInteger(count) || count < 1 || count > 32) throw new BattError("invalid-argument", `cell count must be 1..32: ${count}`);
    if (options.socSpread !== undefined && !(options.socSpread >= 0 && options.socSpread <= 100)) {
      throw new BattError("invalid-argument", `socSpread must be 0..100 percentage points: ${options.socSpread}`);
    }
    if (options.soc !== undefined && !(options.soc >= 0 && options.soc <= 100)) throw new BattError("invalid-argument", `soc must be 0..100 %: ${options.soc}`);
    this.chemistry = options.chemistry ?? "lifepo4";
    this.profile = chemistryProfile(this.chemistry);
    this.capacity = options.capacity ?? 100;
    const r = options.cellResistance ?? 0.001;
    const spread = count > 1 ? (options.socSpread ?? DEFAULT_SOC_SPREAD) : 0;
    const start = options.soc ?? 60;
    this.cells = Array.from({ length: count }, (_, i) => ({
      soc: options.cellVoltages
        ? socAt(this.profile, options.cellVoltages[i]!)
        : Math.min(100, Math.max(0, start + spread * SPREAD_PATTERN[i % SPREAD_PATTERN.length]!)),
      resistance: typeof r === "number" ? r : (r[i] ?? r[0] ?? 0.001),
    }));
    this.ambient = options.ambient ?? 25;
    this.temperature = this.ambient;
    this.sensorOffsets = [...(options.sensorOffsets ?? [0, 0])];
    this.current = options.current ?? 0;
  }

  /** Open-circuit voltage of cell `i`, V. */
  ocv(i: number): number {
    return ocvAt(this.profile, this.cells[i]!.soc);
  }

  /** Terminal voltage of cell `i` while `current` flows (A, positive charges), V. */
  cellVoltage(i: number, current: number): number {
    return this.ocv(i) + current * this.cells[i]!.resistance;
  }

  /** Terminal voltages of every cell while `current` flows, V. */
  cellVoltages(current: number): number[] {
    return this.cells.map((_, i) => this.cellVoltage(i, current));
  }

  /** Terminal voltage of the pack while `current` flows, V. */
  voltage(current: number): number {
    return this.cells.reduce((sum, _, i) => sum + this.cellVoltage(i, current), 0);
  }

  /** Mean state of charge, %. */
  get soc(): number {
    return this.cells.reduce((s, c) => s + c.soc, 0) / this.cells.length;
  }

  /** Charge left, Ah (from the mean state of charge). */
  get remaining(): number {
    return (this.soc / 100) * this.capacity;
  }

  /** Readings of the temperature sensors, °C. */
  get sensorTemperatures(): number[] {
    return this.sensorOffsets.map((offset) => this.temperature + offset);
  }

  /**
   * Advances `ms` with `current` (A, positive charges) through the string and `bleed` A drawn from
   * each cell whose `balancing` flag is set; heats the pack by I²R and cools it towards ambient.
   */
  advance(ms: number, current: number, balancing: readonly boolean[] = [], bleed = 0): void {
    const hours = ms / 3_600_000;
    this.cells.forEach((cell, i) => {
      const amps = current - (balancing[i] ? bleed : 0);
      cell.soc = Math.min(100, Math.max(0, cell.soc + (100 * amps * hours) / this.capacity));
    });
    const heat = current * current * this.cells.reduce((s, c) => s + c.resistance, 0);
    // Exact solution of C·dT/dt = heat − k·(T − ambient), so long steps stay stable.
    const settled = this.ambient + heat / COOLING_W_PER_K;
    const decay = Math.exp((-COOLING_W_PER_K * (ms / 1000)) / (HEAT_CAPACITY_PER_AH * this.capacity));
    this.temperature = settled + (this.temperature - settled) * decay;
  }
}
