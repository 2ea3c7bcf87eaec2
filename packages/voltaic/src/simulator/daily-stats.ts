/** The day's figures a controller keeps (docs/protocols/voltaic.md#energy-counters, docs/protocols/voltaic.md#battery-statistics). */
export interface DailyFigures {
  /** PV energy generated today, Wh. */
  readonly pvEnergy: number;
  /** Load energy consumed today, Wh. */
  readonly loadEnergy: number;
  /** Highest battery voltage today, V. */
  readonly batteryVoltageMax: number;
  /** Lowest battery voltage today, V. */
  readonly batteryVoltageMin: number;
}

/** The simulated controller's figures of the day: they start again when the simulated day changes. */
export class DailyStats {
  private day: number | undefined;
  private figures: DailyFigures = { pvEnergy: 0, loadEnergy: 0, batteryVoltageMax: 0, batteryVoltageMin: 0 };

  /** Adds one step (energy in Wh, the battery voltage at its end) to day number `day`, starting that day afresh if it is new. */
  add(day: number, pvWh: number, loadWh: number, batteryVoltage: number): DailyFigures {
    const f = this.figures;
    this.figures =
      day === this.day
        ? {
            pvEnergy: f.pvEnergy + pvWh,
            loadEnergy: f.loadEnergy + loadWh,
            batteryVoltageMax: Math.max(f.batteryVoltageMax, batteryVoltage),
            batteryVoltageMin: Math.min(f.batteryVoltageMin, batteryVoltage),
          }
        : { pvEnergy: pvWh, loadEnergy: loadWh, batteryVoltageMax: batteryVoltage, batteryVoltageMin: batteryVoltage };
    this.day = day;
    return this.figures;
  }
}
