/**
 * What the BMS enforces, in SI units: the protocol-independent view of its settings that the pack
 * model acts on. Each simulator front end (4E57 identifiers, JK-PB registers) derives it from its
 * own settings store.
 */
export interface PackLimits {
  /** Charge MOSFET enabled by the user. */
  readonly chargeEnabled: boolean;
  /** Discharge MOSFET enabled by the user. */
  readonly dischargeEnabled: boolean;
  /** Balancer enabled. */
  readonly balanceEnabled: boolean;
  /** Balancing starts above this cell voltage, V. */
  readonly balanceStartVoltage: number;
  /** ... when the cell spread is at least this, V. */
  readonly balanceTriggerVoltage: number;
  /** Cell overvoltage protection, V. */
  readonly cellOvervoltage: number;
  /** Released at or below, V. */
  readonly cellOvervoltageRecovery: number;
  /** Delay before it trips, s. */
  readonly cellOvervoltageDelay: number;
  /** Cell undervoltage protection, V. */
  readonly cellUndervoltage: number;
  /** Released at or above, V. */
  readonly cellUndervoltageRecovery: number;
  /** Delay before it trips, s. */
  readonly cellUndervoltageDelay: number;
  /** Charge overcurrent, A. */
  readonly chargeOvercurrent: number;
  /** Delay before it trips, s. */
  readonly chargeOvercurrentDelay: number;
  /** Discharge overcurrent, A. */
  readonly dischargeOvercurrent: number;
  /** Delay before it trips, s. */
  readonly dischargeOvercurrentDelay: number;
  /** Time an overcurrent trip holds the MOSFET off, s. */
  readonly overcurrentRelease: number;
  /** Charging stops at or above this battery temperature, °C. */
  readonly chargeHighTemperature: number;
  /** Discharging stops at or above, °C. */
  readonly dischargeHighTemperature: number;
  /** Charging stops at or below, °C. */
  readonly chargeLowTemperature: number;
  /** ... and resumes at or above, °C. */
  readonly chargeLowTemperatureRecovery: number;
  /** Discharging stops at or below, °C. */
  readonly dischargeLowTemperature: number;
  /** ... and resumes at or above, °C. */
  readonly dischargeLowTemperatureRecovery: number;
  /** Both MOSFETs off at or above this MOSFET temperature, °C. */
  readonly mosOvertemperature: number;
  /** ... until it cools to, °C. */
  readonly mosOvertemperatureRecovery: number;
}
