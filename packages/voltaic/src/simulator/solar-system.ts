import { BatteryModel, type BatteryModelOptions } from "@batt/core/simulator";
import { DailyStats } from "./daily-stats.js";
import { clearSkyIrradiance } from "./irradiance.js";

/**
 * The battery of the kits Voltaic ships: a 12.8 V LiFePO4 pack (4 cells in series) of 18 Ah (the
 * V108 kit) at 80 %, 0.05 Ω in all, its cells alike.
 */
export const VOLTAIC_BATTERY: BatteryModelOptions = { cells: 4, chemistry: "lifepo4", capacity: 18, soc: 80, cellResistance: 0.0125, socSpread: 0 };

/** Options for {@link SolarSystem}. */
export interface SolarSystemOptions {
  /** The battery, over {@link VOLTAIC_BATTERY} (SI units; `soc` in %). */
  readonly battery?: BatteryModelOptions;
  /** Panel power at 1000 W/m², W (default 100). */
  readonly panelPower?: number;
  /** Panel open-circuit voltage, V (default 22). */
  readonly panelVoc?: number;
  /** Panel maximum-power-point voltage, V (default 18). */
  readonly panelVmp?: number;
  /** Largest charge current of the controller, A (default 10, the 10 A version). */
  readonly controllerRating?: number;
  /** Conversion efficiency of the controller, 0..1 (default 0.95). */
  readonly efficiency?: number;
  /** Power drawn by the load while it is on, W (default 12). */
  readonly loadPower?: number;
  /** Whether the load is switched on at the start (default true). */
  readonly loadOn?: boolean;
  /** Time of day at the start, hours (default 12). */
  readonly hour?: number;
  /** Fraction of clear-sky irradiance reaching the panel, 0..1 (default 1). */
  readonly sky?: number;
  /** Mean ambient temperature, °C (default 25; may be below zero). */
  readonly ambient?: number;
  /** Low-voltage protection threshold, V (default 11.0). */
  readonly lowVoltageProtection?: number;
  /** Energy counters at the start, Wh (default 0 each): past 655.35 kWh they need their high words. */
  readonly energy?: { readonly pv?: number; readonly load?: number };
  /** The load reconnects once the battery is this much above the threshold, V (default 1.0). */
  readonly reconnectHysteresis?: number;
  /** Battery voltage at which charging stops, V (default 14.4). */
  readonly chargeLimitVoltage?: number;
}

/** What the controller measures at one moment. */
export interface SolarSnapshot {
  /** Time of day, hours (0..24). */
  readonly hour: number;
  /** Irradiance on the panel, W/m². */
  readonly irradiance: number;
  /** PV input voltage, V. */
  readonly pvVoltage: number;
  /** PV input current, A. */
  readonly pvCurrent: number;
  /** Battery terminal voltage, V. */
  readonly batteryVoltage: number;
  /** Battery current, A (positive: charging). */
  readonly batteryCurrent: number;
  /** State of charge, %. */
  readonly soc: number;
  /** Load output voltage, V (0 when off). */
  readonly loadVoltage: number;
  /** Load current, A. */
  readonly loadCurrent: number;
  /** Whether the load output is on. */
  readonly loadOn: boolean;
  /** Whether the low-voltage disconnect holds the load off. */
  readonly lowVoltageDisconnect: boolean;
  /** Environment temperature, °C. */
  readonly environmentTemperature: number;
  /** Controller temperature, °C. */
  readonly controllerTemperature: number;
  /** PV energy generated since the start, Wh. */
  readonly pvEnergy: number;
  /** Load energy consumed since the start, Wh. */
  readonly loadEnergy: number;
  /** PV energy generated today (since midnight, or since the start on the first day), Wh. */
  readonly pvEnergyToday: number;
  /** Load energy consumed today, Wh. */
  readonly loadEnergyToday: number;
  /** Highest battery voltage today, V. */
  readonly batteryVoltageMaxToday: number;
  /** Lowest battery voltage today, V. */
  readonly batteryVoltageMinToday: number;
}

/** Longest integration step, ms: one second keeps the disconnect decisions timely. */
const MAX_STEP_MS = 1000;
const MS_PER_HOUR = 3_600_000;

/**
 * A small solar system behind the controller: a panel under a day's irradiance curve, a battery,
 * a switched load, and the controller's low-voltage disconnect (load forced off below the threshold,
 * reconnected when the battery has recovered by the hysteresis, if the load is still wanted).
 * Time moves only through {@link SolarSystem.step}.
 */
export class SolarSystem {
  /** The battery. */
  readonly battery: BatteryModel;
  /** Low-voltage protection threshold, V (holding 0x9022). */
  lowVoltageProtection: number;
  /** Fraction of clear-sky irradiance reaching the panel. */
  sky: number;
  /** Power drawn by the load while on, W. */
  loadPower: number;

  private readonly options: Required<Omit<SolarSystemOptions, "battery" | "lowVoltageProtection" | "sky" | "loadPower" | "loadOn" | "hour" | "energy">>;
  private timeMs: number;
  private loadWanted: boolean;
  private loadOn: boolean;
  private disconnected = false;
  private pvEnergy = 0;
  private loadEnergy = 0;
  private readonly daily = new DailyStats();
  private last: SolarSnapshot;

  constructor(options: SolarSystemOptions = {}) {
    this.battery = new BatteryModel({ ...VOLTAIC_BATTERY, ...options.battery });
    this.pvEnergy = options.energy?.pv ?? 0;
    this.loadEnergy = options.energy?.load ?? 0;
    this.lowVoltageProtection = options.lowVoltageProtection ?? 11.0;
    this.sky = options.sky ?? 1;
    this.loadPower = options.loadPower ?? 12;
    this.options = {
      panelPower: options.panelPower ?? 100,
      panelVoc: options.panelVoc ?? 22,
      panelVmp: options.panelVmp ?? 18,
      controllerRating: options.controllerRating ?? 10,
      efficiency: options.efficiency ?? 0.95,
      ambient: options.ambient ?? 25,
      reconnectHysteresis: options.reconnectHysteresis ?? 1.0,
      chargeLimitVoltage: options.chargeLimitVoltage ?? 14.4,
    };
    this.timeMs = (options.hour ?? 12) * MS_PER_HOUR;
    this.loadWanted = options.loadOn ?? true;
    this.loadOn = this.loadWanted;
    this.last = this.compute(0);
  }

  /** The latest measurements. */
  get snapshot(): SolarSnapshot {
    return this.last;
  }

  /** Switches the load as the coil asks; while the low-voltage disconnect holds, "on" waits for recovery. */
  setLoad(on: boolean): void {
    this.loadWanted = on;
    this.loadOn = on && !this.disconnected;
    this.last = this.compute(0);
  }

  /** Advances the system by `ms` of simulated time. */
  step(ms: number): SolarSnapshot {
    // step(0) still re-evaluates the disconnect, after a change of threshold or load.
    let left = Math.max(0, ms);
    do {
      const dt = Math.min(left, MAX_STEP_MS);
      this.last = this.compute(dt);
      left -= dt;
    } while (left > 0);
    return this.last;
  }

  /** Measurements after `dtMs` with the present inputs; integrates charge and energy over `dtMs`. */
  private compute(dtMs: number): SolarSnapshot {
    const o = this.options;
    const hours = dtMs / MS_PER_HOUR;
    this.timeMs += dtMs;
    const hour = (this.timeMs / MS_PER_HOUR) % 24;
    const irradiance = clearSkyIrradiance(hour) * this.sky;
    const restingVoltage = this.battery.voltage(0);
    const loadCurrent = this.loadOn ? this.loadPower / restingVoltage : 0;
    const available = (o.panelPower * irradiance) / 1000;
    let charge = Math.min(o.controllerRating, (available * o.efficiency) / restingVoltage);
    // Constant-voltage phase: no more current than keeps the terminal voltage at the limit.
    const resistance = this.battery.cells.reduce((sum, cell) => sum + cell.resistance, 0);
    const headroom = (o.chargeLimitVoltage - restingVoltage) / resistance + loadCurrent;
    if (this.battery.soc >= 100) charge = Math.min(charge, loadCurrent);
    charge = Math.max(0, Math.min(charge, headroom));
    const batteryCurrent = charge - loadCurrent;
    this.battery.advance(dtMs, batteryCurrent);
    const batteryVoltage = this.battery.voltage(batteryCurrent);
    const pvPower = (charge * batteryVoltage) / o.efficiency;
    const pvVoltage = irradiance <= 0 ? 0 : charge > 0 ? o.panelVmp : o.panelVoc;
    const pvCurrent = pvVoltage > 0 ? pvPower / pvVoltage : 0;
    const pvWh = pvPower * hours;
    const loadWh = loadCurrent * batteryVoltage * hours;
    this.pvEnergy += pvWh;
    this.loadEnergy += loadWh;
    const today = this.daily.add(Math.floor(this.timeMs / (24 * MS_PER_HOUR)), pvWh, loadWh, batteryVoltage);
    this.updateDisconnect(batteryVoltage);
    const environmentTemperature = o.ambient + 5 * Math.sin((Math.PI * (hour - 9)) / 12);
    return {
      hour,
      irradiance,
      pvVoltage,
      pvCurrent,
      batteryVoltage,
      batteryCurrent,
      soc: this.battery.soc,
      loadVoltage: this.loadOn ? batteryVoltage : 0,
      loadCurrent: this.loadOn ? loadCurrent : 0,
      loadOn: this.loadOn,
      lowVoltageDisconnect: this.disconnected,
      environmentTemperature,
      controllerTemperature: environmentTemperature + 0.8 * charge + 0.3 * loadCurrent,
      pvEnergy: this.pvEnergy,
      loadEnergy: this.loadEnergy,
      pvEnergyToday: today.pvEnergy,
      loadEnergyToday: today.loadEnergy,
      batteryVoltageMaxToday: today.batteryVoltageMax,
      batteryVoltageMinToday: today.batteryVoltageMin,
    };
  }

  private updateDisconnect(batteryVoltage: number): void {
    if (!this.disconnected && this.loadOn && batteryVoltage < this.lowVoltageProtection) {
      this.disconnected = true;
      this.loadOn = false;
    } else if (this.disconnected && batteryVoltage >= this.lowVoltageProtection + this.options.reconnectHysteresis) {
      this.disconnected = false;
      this.loadOn = this.loadWanted;
    }
  }
}
