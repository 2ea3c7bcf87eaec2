import { BattError } from "@batt/core";
import { BatteryModel, socAt } from "@batt/core/simulator";
import { LITHIUM_CHEMISTRIES, type Chemistry } from "../models/chemistry.js";
import { SIM_CHEMISTRIES } from "./chemistry-map.js";

/** A simulated pack on one channel; SI units (V, A, Ah, Ω, °C), state of charge in %. */
export interface PackConfig {
  /** Chemistry, as the charger names it (default LiPo; not `Power`). */
  readonly chemistry?: Chemistry;
  /** Cells in series, 1..16 (default 4). */
  readonly cells?: number;
  /** Capacity per cell, Ah (default 2.2). */
  readonly capacity?: number;
  /** Initial open-circuit cell voltages, V (default 3.8 each); takes precedence over `soc`. */
  readonly cellVoltages?: readonly number[];
  /** Initial state of charge, %, per cell or for all (0..100). */
  readonly soc?: number | readonly number[];
  /** Internal resistance per cell or for all, Ω (default 0.025). */
  readonly cellResistance?: number | readonly number[];
  /** Resistance of the main leads and connectors, Ω (default 0.010): seen at the output, not on the balance port. */
  readonly leadResistance?: number;
  /** Ambient temperature, °C (default 25): where the pack starts. */
  readonly ambient?: number;
  /** Whether the balance lead is plugged in (default true for lithium packs). */
  readonly balanceLead?: boolean;
  /** Whether the pack is connected at all (default true). */
  readonly connected?: boolean;
  /** Whether a temperature probe sits on the pack (default true); without one the external temperature register reads 0. */
  readonly probe?: boolean;
  /** How far the last cell's open-circuit voltage starts above the others', V (default 0), so a balance program has a cell to bleed. */
  readonly spread?: number;
}

/** Open-circuit voltage a pack's cells start at when neither voltages nor a state of charge are given, V. */
const DEFAULT_CELL_VOLTAGE = 3.8;

/**
 * The pack on a channel: core's `BatteryModel` (cells in series on the chemistry's OCV curve,
 * terminal voltage = OCV + I × R with I > 0 charging, Joule heating) plus what the charger sees of
 * it: balance leads are Kelvin connections, so cell voltages carry only the cell's own IR, while the
 * output voltage also carries the lead resistance.
 */
export class PackModel {
  /** Chemistry, as the charger names it. */
  readonly chemistry: Chemistry;
  /** The cells. */
  readonly battery: BatteryModel;
  /** Lead resistance, Ω. */
  readonly leadResistance: number;
  /** Whether the balance lead is plugged in. */
  balanceLead: boolean;
  /** Whether the pack is connected. */
  connected: boolean;
  /** Whether a temperature probe sits on the pack. */
  probe: boolean;

  /** @throws BattError `invalid-argument` for a cell count outside 1..16, a state of charge outside 0..100 %, a spread outside 0..1 V or the `Power` chemistry. */
  constructor(config: PackConfig = {}) {
    this.chemistry = config.chemistry ?? "LiPo";
    const chemistry = SIM_CHEMISTRIES[this.chemistry];
    if (!chemistry) throw new BattError("invalid-argument", `a simulated pack cannot be of type ${this.chemistry}`);
    const cells = config.cells ?? config.cellVoltages?.length ?? 4;
    if (!Number.isInteger(cells) || cells < 1 || cells > 16) throw new BattError("invalid-argument", `cells must be 1..16, got ${cells}`);
    const perCell = <T>(value: T | readonly T[] | undefined, fallback: T): T[] =>
      Array.from({ length: cells }, (_, i) => (Array.isArray(value) ? ((value as readonly T[])[i] ?? fallback) : ((value as T | undefined) ?? fallback)));
    const socs = config.cellVoltages === undefined && config.soc !== undefined ? perCell(config.soc, 0) : undefined;
    for (const soc of socs ?? []) if (!(soc >= 0 && soc <= 100)) throw new BattError("invalid-argument", `soc must be 0..100 %, got ${soc}`);
    this.battery = new BatteryModel({
      cells,
      chemistry,
      capacity: config.capacity ?? 2.2,
      // Every cell as given: no spread unless the caller makes one.
      cellVoltages: perCell(config.cellVoltages, DEFAULT_CELL_VOLTAGE),
      cellResistance: perCell(config.cellResistance, 0.025),
      ambient: config.ambient ?? 25,
      sensorOffsets: [0],
    });
    socs?.forEach((soc, i) => (this.battery.cells[i]!.soc = soc));
    const spread = config.spread ?? 0;
    if (!(spread >= 0 && spread <= 1)) throw new BattError("invalid-argument", `spread must be 0..1 V, got ${spread}`);
    const last = this.battery.cells[cells - 1]!;
    if (spread > 0) last.soc = socAt(this.battery.profile, this.battery.ocv(cells - 1) + spread);
    this.leadResistance = config.leadResistance ?? 0.01;
    this.balanceLead = config.balanceLead ?? LITHIUM_CHEMISTRIES.has(this.chemistry);
    this.connected = config.connected ?? true;
    this.probe = config.probe ?? true;
  }

  /** Cells in series. */
  get cells(): number {
    return this.battery.cells.length;
  }

  /** Capacity per cell, Ah. */
  get capacity(): number {
    return this.battery.capacity;
  }

  /** State of charge of cell `i`, %. */
  soc(i: number): number {
    return this.battery.cells[i]!.soc;
  }

  /** Internal resistance of cell `i`, Ω. */
  resistance(i: number): number {
    return this.battery.cells[i]!.resistance;
  }

  /** Open-circuit voltage of cell `i`, V. */
  ocv(i: number): number {
    return this.battery.ocv(i);
  }

  /** Terminal voltage of cell `i` at `current` (A, > 0 charging), V. */
  cellVoltage(i: number, current: number): number {
    return this.battery.cellVoltage(i, current);
  }

  /** Voltage at the output terminals, V (cells plus the lead drop). */
  outputVoltage(current: number): number {
    return this.battery.voltage(current) + current * this.leadResistance;
  }

  /** Temperature of the pack, °C (what a probe on it reads). */
  get temperature(): number {
    return this.battery.sensorTemperatures[0] ?? this.battery.temperature;
  }

  /** Moves charge for `ms`: `current` (A, > 0 charging) through the string, `bleed[i]` A out of cell i. */
  step(ms: number, current: number, bleed: readonly number[] = []): void {
    // The model bleeds one current from every balancing cell; the charger's bleed is the same for all.
    this.battery.advance(ms, current, bleed.map((a) => a > 0), Math.max(0, ...bleed));
  }
}
