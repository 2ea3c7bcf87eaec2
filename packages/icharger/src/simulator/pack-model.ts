import { BattError } from "@batt/core";
import { LITHIUM_CHEMISTRIES, type Chemistry } from "../models/chemistry.js";
import { OCV_CURVES, ocvAt, socAt, type OcvCurve } from "./ocv.js";

/** A simulated pack on one channel. */
export interface PackConfig {
  /** Chemistry (default LiPo). */
  readonly chemistry?: Chemistry;
  /** Cells in series (default 4). */
  readonly cells?: number;
  /** Capacity per cell, mAh (default 2200). */
  readonly capacityMah?: number;
  /** Initial open-circuit cell voltages, mV (default 3800 each); takes precedence over `soc`. */
  readonly cellVoltagesMv?: readonly number[];
  /** Initial state of charge per cell or for all (0..1). */
  readonly soc?: number | readonly number[];
  /** Internal resistance per cell or for all, mΩ (default 25). */
  readonly irMilliohm?: number | readonly number[];
  /** Resistance of the main leads and connectors, mΩ (default 10): seen at the output, not on the balance port. */
  readonly leadMilliohm?: number;
  /** Whether the balance lead is plugged in (default true for lithium packs). */
  readonly balanceLead?: boolean;
  /** Whether the pack is connected at all (default true). */
  readonly connected?: boolean;
}

/**
 * Cells in series with an OCV curve, a capacity and an ohmic internal resistance each: terminal voltage
 * = OCV(SoC) + I × R (I > 0 charging). Balance leads are Kelvin connections, so cell voltages carry only
 * the cell's own IR; the output voltage also carries the lead resistance.
 */
export class PackModel {
  /** Chemistry. */
  readonly chemistry: Chemistry;
  /** Capacity per cell, mAh. */
  readonly capacityMah: number;
  /** State of charge per cell (0..1). */
  readonly soc: number[];
  /** Internal resistance per cell, mΩ. */
  readonly irMilliohm: number[];
  /** Lead resistance, mΩ. */
  readonly leadMilliohm: number;
  /** Whether the balance lead is plugged in. */
  balanceLead: boolean;
  /** Whether the pack is connected. */
  connected: boolean;
  private readonly curve: OcvCurve;

  constructor(config: PackConfig = {}) {
    this.chemistry = config.chemistry ?? "LiPo";
    const cells = config.cells ?? 4;
    if (!Number.isInteger(cells) || cells < 0 || cells > 16) throw new BattError("invalid-argument", `cells must be 0..16, got ${cells}`);
    this.curve = OCV_CURVES[this.chemistry];
    this.capacityMah = config.capacityMah ?? 2200;
    const perCell = <T>(value: T | readonly T[] | undefined, fallback: T): T[] =>
      Array.from({ length: cells }, (_, i) => (Array.isArray(value) ? ((value as readonly T[])[i] ?? fallback) : ((value as T | undefined) ?? fallback)));
    const initialMv = config.cellVoltagesMv;
    this.soc = initialMv
      ? Array.from({ length: cells }, (_, i) => socAt(this.curve, initialMv[i] ?? 3800))
      : perCell(config.soc, socAt(this.curve, 3800));
    this.irMilliohm = perCell(config.irMilliohm, 25);
    this.leadMilliohm = config.leadMilliohm ?? 10;
    this.balanceLead = config.balanceLead ?? LITHIUM_CHEMISTRIES.has(this.chemistry);
    this.connected = config.connected ?? true;
  }

  /** Cells in series. */
  get cells(): number {
    return this.soc.length;
  }

  /** Open-circuit voltage of cell `i`, mV. */
  ocvMv(i: number): number {
    return ocvAt(this.curve, this.soc[i]!);
  }

  /** Terminal voltage of cell `i` at `currentA` (> 0 charging), mV. */
  cellMv(i: number, currentA: number): number {
    return this.ocvMv(i) + currentA * this.irMilliohm[i]!;
  }

  /** Voltage at the output terminals, mV (cells plus the lead drop). */
  outputMv(currentA: number): number {
    let sum = 0;
    for (let i = 0; i < this.cells; i++) sum += this.cellMv(i, currentA);
    return sum + currentA * this.leadMilliohm;
  }

  /** Moves charge: `currentA` through the string (> 0 charging), `bleedA[i]` out of cell i, for `ms`. */
  step(ms: number, currentA: number, bleedA: readonly number[] = []): void {
    const hours = ms / 3_600_000;
    for (let i = 0; i < this.cells; i++) {
      const mah = (currentA - (bleedA[i] ?? 0)) * 1000 * hours;
      this.soc[i] = Math.min(1, Math.max(0, this.soc[i]! + mah / this.capacityMah));
    }
  }
}
