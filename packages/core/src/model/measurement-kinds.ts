import type { Unit } from "./units.js";

/**
 * What a measurement is. Each kind has one unit (or none) and maps onto a Home Assistant sensor
 * `device_class` (see {@link MEASUREMENT_KINDS}), so every consumer (CLI, dashboard, MQTT) can show
 * any measurement of any device without knowing the device.
 */
export type MeasurementKind =
  | "voltage"
  | "current"
  | "power"
  | "energy"
  | "charge"
  | "battery"
  | "percentage"
  | "temperature"
  | "duration"
  | "frequency"
  | "resistance"
  | "count"
  | "state"
  | "enum"
  | "text";

/** How a value evolves, as Home Assistant's `state_class` says it. */
export type StateClass = "measurement" | "total" | "total_increasing";

/** What a {@link MeasurementKind} implies. */
export interface MeasurementKindInfo {
  /** The unit every measurement of this kind carries; absent for unitless kinds. */
  readonly unit?: Unit;
  /** Home Assistant sensor `device_class`; absent where Home Assistant has none (Ah, Ω, counts). */
  readonly deviceClass?: string;
  /** Default `state_class` (a kind whose values are not numbers has none). */
  readonly stateClass?: StateClass;
  /** Decimal places a person is shown by default. */
  readonly decimals: number;
  /** Type of the value: numbers, on/off states, or names. */
  readonly value: "number" | "boolean" | "string";
}

/** The table behind {@link MeasurementKind}: unit, Home Assistant classes and display precision. */
export const MEASUREMENT_KINDS: Readonly<Record<MeasurementKind, MeasurementKindInfo>> = {
  voltage: { unit: "V", deviceClass: "voltage", stateClass: "measurement", decimals: 2, value: "number" },
  current: { unit: "A", deviceClass: "current", stateClass: "measurement", decimals: 2, value: "number" },
  power: { unit: "W", deviceClass: "power", stateClass: "measurement", decimals: 1, value: "number" },
  energy: { unit: "Wh", deviceClass: "energy", stateClass: "total_increasing", decimals: 0, value: "number" },
  charge: { unit: "Ah", stateClass: "measurement", decimals: 2, value: "number" },
  battery: { unit: "%", deviceClass: "battery", stateClass: "measurement", decimals: 0, value: "number" },
  percentage: { unit: "%", stateClass: "measurement", decimals: 0, value: "number" },
  temperature: { unit: "°C", deviceClass: "temperature", stateClass: "measurement", decimals: 1, value: "number" },
  duration: { unit: "s", deviceClass: "duration", stateClass: "measurement", decimals: 0, value: "number" },
  frequency: { unit: "Hz", deviceClass: "frequency", stateClass: "measurement", decimals: 1, value: "number" },
  resistance: { unit: "Ω", stateClass: "measurement", decimals: 4, value: "number" },
  count: { stateClass: "measurement", decimals: 0, value: "number" },
  state: { decimals: 0, value: "boolean" },
  enum: { deviceClass: "enum", decimals: 0, value: "string" },
  text: { decimals: 0, value: "string" },
};
