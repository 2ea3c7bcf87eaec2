import { BattError, createPrng } from "@batt/core";
import { BatteryModel, type Chemistry } from "@batt/core/simulator";
import type { PackLimits } from "./pack-limits.js";
import type { PackOptions } from "./pack-options.js";
import { JK_PROBE_NUMBERS } from "../pb/temperature-probes.js";
import { Protections } from "./protections.js";

/** Longest integration step, ms: protections and balancing react within a second of simulated time. */
const MAX_STEP_MS = 1000;
/** MOSFET heating, °C per A² at equilibrium. */
const MOS_HEATING = 0.002;
/** Thermal time constant of the MOSFETs, s. */
const MOS_TAU_S = 120;

/**
 * A pack behind a simulated JK BMS: the cells are core's {@link BatteryModel} (state of charge,
 * open-circuit voltage of the chemistry, internal resistance, heating), and around them what the
 * BMS does: MOSFETs that let the asked-for current through or block it, protections with delays
 * and recoveries, an active balancer moving charge from the highest to the lowest cell, the
 * MOSFETs' own temperature, and cycle counting. Deterministic: it changes only in {@link PackModel.step}.
 */
export class PackModel {
  /** The cells. */
  readonly battery: BatteryModel;
  /** Protection state. */
  readonly protections = new Protections();
  /** Current actually flowing, A (0 when the MOSFET in its direction is off). */
  current = 0;
  /** MOSFET temperature, °C. */
  mosTemperature: number;
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
  /** Battery temperature probes fitted (1–5), ascending. */
  readonly probes: readonly number[];
  private readonly balanceCurrent: number;

  /** @throws BattError `invalid-argument` for a cell count outside 1–32, a state of charge outside 0–100 % or a probe number outside 1–5. */
  constructor(options: PackOptions = {}) {
    const soc = options.soc ?? 50;
    const probes = options.probes ?? JK_PROBE_NUMBERS;
    if (probes.some((n) => !(JK_PROBE_NUMBERS as readonly number[]).includes(n))) throw new BattError("invalid-argument", `temperature probes are numbered 1 to 5, not ${probes.join(", ")}`);
    this.probes = [...new Set(probes)].sort((a, b) => a - b);
    this.battery = new BatteryModel({
      cells: options.cells ?? 16,
      chemistry: options.chemistry ?? "lifepo4",
      capacity: options.capacity ?? 100,
      soc,
      socSpread: 0,
      cellResistance: options.cellResistance ?? 0.0008,
      ambient: options.ambient ?? 25,
      current: options.current ?? 0,
    });
    this.balanceCurrent = options.balanceCurrent ?? 1;
    this.mosTemperature = this.battery.ambient;
    // A seeded spread rather than the model's fixed pattern, so packs on one bus differ by address.
    const prng = createPrng(options.seed ?? 1);
    const spread = options.socSpread ?? 2;
    for (const cell of this.battery.cells) cell.soc = Math.min(100, Math.max(0, soc + (prng.next() - 0.5) * spread));
  }

  /** Current the load or charger asks for, A, charging positive. */
  get demand(): number {
    return this.battery.current;
  }

  set demand(amperes: number) {
    this.battery.current = amperes;
  }

  /** Ambient temperature, °C. */
  get ambient(): number {
    return this.battery.ambient;
  }

  set ambient(celsius: number) {
    this.battery.ambient = celsius;
  }

  /** Chemistry. */
  get chemistry(): Chemistry {
    return this.battery.chemistry;
  }

  /** Cell capacity, Ah. */
  get capacity(): number {
    return this.battery.capacity;
  }

  /** Number of cells. */
  get cells(): number {
    return this.battery.cells.length;
  }

  /** Battery temperatures (sensor 1, sensor 2), °C. */
  get batteryTemperatures(): number[] {
    return this.battery.sensorTemperatures;
  }

  /** Cell voltages under the present current, V (rounded to 1 mV as a BMS measures them). */
  cellVoltages(): number[] {
    return this.battery.cellVoltages(this.current).map((v) => Math.round(v * 1000) / 1000);
  }

  /** Pack voltage, V. */
  totalVoltage(): number {
    return Math.round(this.cellVoltages().reduce((a, b) => a + b, 0) * 1000) / 1000;
  }

  /** State of charge of the pack (the mean of the cells), %. */
  soc(): number {
    return this.battery.soc;
  }

  /** Charge left, Ah. */
  remaining(): number {
    return this.battery.remaining;
  }

  /** Full cycles: discharged Ah over capacity. */
  cycles(): number {
    return Math.floor(this.dischargedAh / this.capacity);
  }

  /** Sets the state of charge of every cell, % (a test shortcut). */
  setSoc(percent: number): void {
    for (const cell of this.battery.cells) cell.soc = Math.min(100, Math.max(0, percent));
  }

  /** Advances the pack by `ms` under `limits`. */
  step(ms: number, limits: PackLimits): void {
    for (let left = ms; left > 0; left -= MAX_STEP_MS) this.substep(Math.min(left, MAX_STEP_MS), limits);
    if (ms <= 0) this.settle(limits);
  }

  private substep(ms: number, limits: PackLimits): void {
    const dt = ms / 1000;
    this.settle(limits);
    this.battery.advance(ms, this.current);
    if (this.current < 0) this.dischargedAh += (-this.current * dt) / 3600;
    this.balance(dt, limits);
    const k = 1 - Math.exp(-dt / MOS_TAU_S);
    this.mosTemperature += (this.ambient + MOS_HEATING * this.current * this.current - this.mosTemperature) * k;
    this.runtimeS += dt;
    const volts = this.cellVoltages();
    const temperatures = this.batteryTemperatures;
    this.protections.update(
      ms,
      {
        maxCell: Math.max(...volts),
        minCell: Math.min(...volts),
        current: this.current,
        batteryMax: Math.max(...temperatures),
        batteryMin: Math.min(...temperatures),
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

  /** The active balancer: moves charge from the highest cell to the lowest (not a bleed: nothing is lost). */
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
    const moved = (100 * this.balanceCurrent * dt) / 3600 / this.capacity;
    const cells = this.battery.cells;
    cells[hi]!.soc = Math.max(0, cells[hi]!.soc - moved);
    cells[lo]!.soc = Math.min(100, cells[lo]!.soc + moved);
    this.balancing = true;
    this.balanceCurrentNow = this.balanceCurrent;
  }
}
