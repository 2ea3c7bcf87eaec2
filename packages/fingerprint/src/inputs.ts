/**
 * A load pulse: cell voltages at rest, cell voltages under a steady load, and that load's current.
 * This is what the automatic IR run of docs/protocols/icharger.md#internal-resistance-measurement captures on an iCharger; a BMS (JBD, JK) gives the same from
 * two cell-voltage reads, one idle and one under load (see {@link pulseFromBms}).
 */
export interface PulseReadings {
  /** Discriminant. */
  readonly kind: "pulse";
  /** Open-circuit (rested) cell voltages, mV, cell 1 first. */
  readonly ocvMillivolts: readonly number[];
  /** Cell voltages under load, mV, same order. */
  readonly loadedMillivolts: readonly number[];
  /** Load current, mA; positive while discharging (a charging pulse is negative and works as well). */
  readonly currentMilliamps: number;
  /** Resolution of the voltage readings, mV (default 1: iCharger and most BMS report whole mV). */
  readonly voltageResolutionMillivolts?: number;
  /** Resolution of the current reading, mA (default 10: the iCharger's unit). */
  readonly currentResolutionMilliamps?: number;
}

/**
 * Ready per-cell internal resistances: the iCharger's own "Get IR" results (registers 35–50, see
 * {@link cellIrFromICharger}), an IR meter, or any other source. Open-circuit voltages are optional and add
 * the second signature when present.
 */
export interface CellIrReadings {
  /** Discriminant. */
  readonly kind: "cell-ir";
  /** Internal resistance per cell, mΩ, cell 1 first. */
  readonly cellIrMilliohm: readonly number[];
  /** Open-circuit cell voltages, mV, same order (optional). */
  readonly ocvMillivolts?: readonly number[];
  /** Resolution of the IR values, mΩ (default 0.1: the iCharger's unit). */
  readonly resolutionMilliohm?: number;
  /** Resolution of the voltage readings, mV (default 1). */
  readonly voltageResolutionMillivolts?: number;
}

/** Anything a fingerprint can be made from. */
export type FingerprintInput = PulseReadings | CellIrReadings;
