import type { AlarmSeverity } from "./alarms.js";

/** An alarm or protection that is active now. */
export interface ActiveAlarm {
  /** Stable id: one of {@link COMMON_ALARMS} where the meaning is the same, else `<device>-<name>`. */
  readonly id: string;
  /** Name for a person. */
  readonly name: string;
  /** How serious it is. */
  readonly severity: AlarmSeverity;
}

/**
 * What every battery a device watches looks like, whatever the device: a BMS's pack, a charger's
 * channel, a solar controller's battery. One component can show any of them.
 */
export interface BatterySummary {
  /** Stable id within the reading (`battery`, `ch1`, `pack2`); measurements of this battery name it in `battery`. */
  readonly id: string;
  /** Name for a person (`Battery`, `Channel 1`, `Pack 2`). */
  readonly name: string;
  /** Terminal voltage, V. */
  readonly voltage: number;
  /** Current, A: positive while charging, negative while discharging. */
  readonly current: number;
  /** Power, W, with the sign of the current. */
  readonly power: number;
  /** State of charge, % (0–100), or `null` where the device does not estimate it. */
  readonly soc: number | null;
  /** Cell voltages, V, cell 1 first; empty where the device does not measure cells. */
  readonly cellVoltages: readonly number[];
  /** Temperatures of the battery, °C; empty where none is measured. */
  readonly temperatures: readonly number[];
  /** Whether the battery may charge now (charge switch on, no charge protection), or `null` when unknown. */
  readonly chargeAllowed: boolean | null;
  /** Whether the battery may discharge now, or `null` when unknown. */
  readonly dischargeAllowed: boolean | null;
  /** Charge left, Ah, or `null` when unknown. */
  readonly remainingCapacity: number | null;
  /** Capacity when full, Ah, or `null` when unknown. */
  readonly fullCapacity: number | null;
  /** Active alarms and protections; empty when all is well. */
  readonly alarms: readonly ActiveAlarm[];
}
