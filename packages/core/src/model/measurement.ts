import { MEASUREMENT_KINDS, type MeasurementKind, type StateClass } from "./measurement-kinds.js";
import type { Unit } from "./units.js";

/** The value of a measurement: a number in its kind's unit, an on/off state, a name, or `null` when the device does not know it now. */
export type MeasurementValue = number | boolean | string | null;

/**
 * One value a device reports, described well enough to show, store or publish it without knowing
 * the device: `{ key: "cell_3", name: "Cell 3", value: 3.317, unit: "V", kind: "voltage" }`.
 */
export interface Measurement {
  /** Stable id within the device's reading (`voltage`, `cell_3`, `ch1_current`): lower case, digits and `_`. */
  readonly key: string;
  /** Name for a person (`Cell 3`). */
  readonly name: string;
  /** The value, in `unit`. */
  readonly value: MeasurementValue;
  /** SI unit; present exactly when the kind has one ({@link MEASUREMENT_KINDS}). */
  readonly unit?: Unit;
  /** What it is; maps onto Home Assistant's sensor classes. */
  readonly kind: MeasurementKind;
  /** How the value evolves, where it differs from the kind's default (a lifetime energy total is `total_increasing`). */
  readonly stateClass?: StateClass;
  /** Decimal places a person is shown, where it differs from the kind's default (cell voltages: 3). */
  readonly decimals?: number;
  /** For `enum` measurements: every value it can take. */
  readonly options?: readonly string[];
  /** The battery summary it belongs to (its `id`), when the device has several. */
  readonly battery?: string;
}

/** Fields of a {@link Measurement} besides key, name, value and kind. */
export type MeasurementExtras = Omit<Measurement, "key" | "name" | "value" | "kind" | "unit">;

/**
 * A measurement of `kind`, with the kind's unit filled in.
 *
 * @example measure("voltage", "Pack voltage", 13.27) // { key: "voltage", name: "Pack voltage", value: 13.27, unit: "V", kind: "voltage" }
 */
export function measure(key: string, name: string, kind: MeasurementKind, value: MeasurementValue, extras: MeasurementExtras = {}): Measurement {
  const unit = MEASUREMENT_KINDS[kind].unit;
  return { key, name, value, ...(unit ? { unit } : {}), kind, ...extras };
}
