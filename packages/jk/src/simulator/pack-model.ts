import { createPrng } from "@batt/core";
import { openCircuitVoltage, type Chemistry } from "./chemistry.js";
import type { PackLimits } from "./pack-limits.js";
import type { PackOptions } from "./pack-options.js";
import { Protections } from "./protections.js";

/** Longest integration step, ms: protections and balancing react within a second of simulated time. */
const MAX_STEP_MS = 1000;
/** MOSFET heating, °C per A² at equilibrium. */
const MOS_HEATING = 0.002;
/** Thermal time constant of MOSFET and cells, s. */
const THERMAL_TAU_S = 120;

/**
 * The physics of a simulated pack: cells with their own state of charge and open-circuit voltage,
 * an external current the MOSFETs let through or block, protections with delays and recoveries,
 * an active balancer moving charge from the highest to the lowest cell, temperatures that follow
 * the current, and cycle counting. Deterministic: it changes only in {@link PackModel.step}.
 */
export class PackModel {
  /** Chemistry. */
  readonly chemistry: Chemistry;
  /** Cell capacity, Ah. */
  readonly capacityAh: number;
  /** State of charge of each cell, 0..1. */
  readonly cellSoc: number[];
  /** Protection state. */
  readonly protections = new Protections();
  /** Current the load or charger asks for, A, charging positive. */
  demand: number;
  /** Ambient temperature, °C. */
  ambient: number;
  /** Current actually flowing, A (0 when the MOSFET in its direction is off). */
  current = 0;
  /** MOSFET temperature, °C. */
  mosTemperature: number;
  /** Battery temperatures (sensor 1, sensor 2), °C. */
  batteryTemperatures: [number, number];
  /** Whether the balancer moved charge in the last step. */
  balancing = false;
  /** Balancing current in the last step, A. */
  balanceCurrentNow = 0;
  /** Ah discharged in total. */
  dischargedAh = 0;
  /** Seconds simulated. */
  runtimeS = 0;
  /** Whether the charge MOSFET is on. */
  chargeMos = true;
  /** Whether the discharge MOSFET is on. */
  dischargeMos = true;
  private readonly resistance: number;
  private readonly balanceCurrent: number;

  constructor(options: PackOptions = {}) {
    const cells = options.cells ?? 16;
    this.chemistry = options.chemistry ?? "lifepo4";
    this.capacityAh = options.capacityAh ?? 100;
    this.resistance = options.cellResistance ?? 0.0008;
    this.balanceCurrent = options.balanceCurrent ?? 1;
    this.ambient = options.ambientTemperature ?? 25;
    this.demand = options.current ?? 0;
    this.mosTemperature = this.ambient;
    this.batteryTemperatures = [this.ambient, this.ambient];
    const prng = createPrng(options.seed ?? 1);
    const soc = (options.soc ?? 50) / 100;
    const spread = (options.cellSpread ?? 2) / 100;
    this.cellSoc = Array.from({ length: cells }, () => clamp01(soc + (prng.next() - 0.5) * spread));
  }

  /** Number of cells. */
  get cells(): number {
    return this.cellSoc.length;
  }

  /** Cell voltages under the present current, V (rounded to 1 mV as a BMS measures them). */
  cellVoltages(): number[] {
    return this.cellSoc.map((s) => Math.round((openCircuitVoltage(this.chemistry, s) + this.current * this.resistance) * 1000) / 1000);
  }

  /** Pack voltage, V. */
  totalVoltage(): number {
    return Math.round(this.cellVoltages().reduce((a, b) => a + b, 0) * 1000) / 1000;
  }

  /** State of charge of the pack (the mean of the cells), %. */
  soc(): number {
    return (100 * this.cellSoc.reduce((a, b) => a + b, 0)) / this.cells;
  }

  /** Charge left, Ah. */
  remainingAh(): number {
    return (this.soc() / 100) * this.capacityAh;
  }

  /** Full cycles: discharged Ah over capacity. */
  cycles(): number {
    return Math.floor(this.dischargedAh / this.capacityAh);
  }

  /** Sets the state of charge of every cell, % (a test shortcut). */
  setSoc(percent: number): void {
    for (let i = 0; i < this.cells; i++) this.cellSoc[i] = clamp01(percent / 100);
  }

  /** Advances the pack by `ms` under `limits`. */
  step(ms: number, limits: PackLimits): void {
    for (let left = ms; left > 0; left -= MAX_STEP_MS) this.substep(Math.min(left, MAX_STEP_MS), limits);
    if (ms <= 0) this.settle(limits);
  }

  private substep(ms: number, limits: PackLimits): void {
    const dt = ms / 1000;
    this.settle(limits);
    const ah = (this.current * dt) / 3600;
    for (let i = 0; i < this.cells; i++) this.cellSoc[i] = clamp01(this.cellSoc[i]! + ah / this.capacityAh);
    if (this.current < 0) this.dischargedAh += -ah;
    this.balance(dt, limits);
    const k = 1 - Math.exp(-dt / THERMAL_TAU_S);
    this.mosTemperature += (this.ambient + MOS_HEATING * this.current * this.current - this.mosTemperature) * k;
    this.batteryTemperatures = this.batteryTemperatures.map((t) => t + (this.ambient + (MOS_HEATING / 4) * this.current * this.current - t) * k) as [number, number];
    this.runtimeS += dt;
    const volts = this.cellVoltages();
    this.protections.update(
      ms,
      {
        maxCell: Math.max(...volts),
        minCell: Math.min(...volts),
        current: this.current,
        batteryMax: Math.max(...this.batteryTemperatures),
        batteryMin: Math.min(...this.batteryTemperatures),
        mos: this.mosTemperature,
      },
      limits,
    );
    this.settle(limits);
  }

  /** MOSFET states and the current they let through. */
  private settle(limits: PackLimits): void {
    this.chargeMos = limits.chargeEnabled && !this.protections.chargeBlocked;
    this.dischargeMos = limits.dischargeEnabled && !this.protections.dischargeBlocked;
    // No "full" or "empty" cut-off of its own: like a real pack, only the protections stop the current.
    const allowed = this.demand > 0 ? this.chargeMos : this.demand < 0 ? this.dischargeMos : true;
    this.current = allowed ? this.demand : 0;
  }

  private balance(dt: number, limits: PackLimits): void {
    this.balancing = false;
    this.balanceCurrentNow = 0;
    if (!limits.balanceEnabled) return;
    const volts = this.cellVoltages();
    let hi = 0;
    let lo = 0;
    volts.forEach((v, i) => {
      if (v > volts[hi]!) hi = i;
      if (v < volts[lo]!) lo = i;
    });
    if (volts[hi]! < limits.balanceStartVoltage || volts[hi]! - volts[lo]! < limits.balanceTriggerVoltage) return;
    const moved = (this.balanceCurrent * dt) / 3600 / this.capacityAh;
    this.cellSoc[hi] = clamp01(this.cellSoc[hi]! - moved);
    this.cellSoc[lo] = clamp01(this.cellSoc[lo]! + moved);
    this.balancing = true;
    this.balanceCurrentNow = this.balanceCurrent;
  }
}

function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}
