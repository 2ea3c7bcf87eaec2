import type { PackLimits } from "./pack-limits.js";

/** A protection the simulated BMS can be in. */
export type ProtectionName =
  | "cellOvervoltage"
  | "cellUndervoltage"
  | "chargeOvercurrent"
  | "dischargeOvercurrent"
  | "chargeOvertemperature"
  | "dischargeOvertemperature"
  | "chargeUndertemperature"
  | "dischargeUndertemperature"
  | "mosOvertemperature";

/** What the protections look at in one step. */
export interface ProtectionInputs {
  /** Highest cell voltage under load, V. */
  readonly maxCell: number;
  /** Lowest cell voltage under load, V. */
  readonly minCell: number;
  /** Current, A, charging positive. */
  readonly current: number;
  /** Warmest battery sensor, °C. */
  readonly batteryMax: number;
  /** Coldest battery sensor, °C. */
  readonly batteryMin: number;
  /** MOSFET temperature, °C. */
  readonly mos: number;
}

/** Which MOSFET a protection opens. */
const BLOCKS: Readonly<Record<ProtectionName, "charge" | "discharge" | "both">> = {
  cellOvervoltage: "charge",
  cellUndervoltage: "discharge",
  chargeOvercurrent: "charge",
  dischargeOvercurrent: "discharge",
  chargeOvertemperature: "charge",
  dischargeOvertemperature: "discharge",
  chargeUndertemperature: "charge",
  dischargeUndertemperature: "discharge",
  mosOvertemperature: "both",
};

/**
 * The protection state machine: a condition must hold for its delay to trip; a trip holds until its
 * release condition (a recovery threshold, or the overcurrent release time) is met.
 */
export class Protections {
  /** Protections in force. */
  readonly active = new Set<ProtectionName>();
  private readonly pendingMs = new Map<ProtectionName, number>();
  private readonly heldMs = new Map<ProtectionName, number>();

  /** Whether charging is blocked. */
  get chargeBlocked(): boolean {
    return [...this.active].some((p) => BLOCKS[p] !== "discharge");
  }

  /** Whether discharging is blocked. */
  get dischargeBlocked(): boolean {
    return [...this.active].some((p) => BLOCKS[p] !== "charge");
  }

  /** Clears every protection (a restart). */
  reset(): void {
    this.active.clear();
    this.pendingMs.clear();
    this.heldMs.clear();
  }

  /** Advances the state machine by `ms` with the current readings. */
  update(ms: number, x: ProtectionInputs, l: PackLimits): void {
    this.rule("cellOvervoltage", ms, x.maxCell >= l.cellOvervoltage, l.cellOvervoltageDelay, x.maxCell <= l.cellOvervoltageRecovery);
    this.rule("cellUndervoltage", ms, x.minCell <= l.cellUndervoltage, l.cellUndervoltageDelay, x.minCell >= l.cellUndervoltageRecovery);
    this.timed("chargeOvercurrent", ms, x.current > l.chargeOvercurrent, l.chargeOvercurrentDelay, l.overcurrentRelease);
    this.timed("dischargeOvercurrent", ms, -x.current > l.dischargeOvercurrent, l.dischargeOvercurrentDelay, l.overcurrentRelease);
    this.rule("chargeOvertemperature", ms, x.batteryMax >= l.chargeHighTemperature, 0, x.batteryMax < l.chargeHighTemperature - 5);
    this.rule("dischargeOvertemperature", ms, x.batteryMax >= l.dischargeHighTemperature, 0, x.batteryMax < l.dischargeHighTemperature - 5);
    this.rule("chargeUndertemperature", ms, x.batteryMin <= l.chargeLowTemperature, 0, x.batteryMin >= l.chargeLowTemperatureRecovery);
    this.rule("dischargeUndertemperature", ms, x.batteryMin <= l.dischargeLowTemperature, 0, x.batteryMin >= l.dischargeLowTemperatureRecovery);
    this.rule("mosOvertemperature", ms, x.mos >= l.mosOvertemperature, 0, x.mos <= l.mosOvertemperatureRecovery);
  }

  private rule(name: ProtectionName, ms: number, tripping: boolean, delayS: number, released: boolean): void {
    if (this.active.has(name)) {
      if (released) this.active.delete(name);
      return;
    }
    const pending = tripping ? (this.pendingMs.get(name) ?? 0) + ms : 0;
    this.pendingMs.set(name, pending);
    if (tripping && pending >= delayS * 1000) {
      this.active.add(name);
      this.pendingMs.set(name, 0);
    }
  }

  private timed(name: ProtectionName, ms: number, tripping: boolean, delayS: number, releaseS: number): void {
    if (this.active.has(name)) {
      const held = (this.heldMs.get(name) ?? 0) + ms;
      this.heldMs.set(name, held);
      if (held >= releaseS * 1000) this.active.delete(name);
      return;
    }
    this.rule(name, ms, tripping, delayS, false);
    if (this.active.has(name)) this.heldMs.set(name, 0);
  }
}
