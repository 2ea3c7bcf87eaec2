import type { DeviceControl, DeviceReading, Measurement } from "@batt/core";

/** How a control's state is shown: its words and its meaning (colour: on calm, off neutral, never an alarm). */
export interface ControlState {
  /** `ON`, `OFF`, `16 A`, `charging`, `–`. */
  readonly text: string;
  /** `on`/`off` for an on/off state, `value` for anything else, `unknown` when the device does not say. */
  readonly tone: "on" | "off" | "value" | "unknown";
  /** The value itself, where the reading has one. */
  readonly value?: Measurement["value"];
}

/** The state of an on/off. */
export function onOff(on: boolean): ControlState {
  return { text: on ? "ON" : "OFF", tone: on ? "on" : "off", value: on };
}

/** A measurement's value with its unit, in the decimals it asks for (two at most otherwise). */
export function measurementText(m: Measurement): string {
  if (m.value === null) return "–";
  if (typeof m.value === "boolean") return m.value ? "ON" : "OFF";
  if (typeof m.value === "string") return m.value;
  const decimals = m.decimals ?? (Number.isInteger(m.value) ? 0 : 2);
  return `${m.value.toFixed(decimals)}${m.unit ? ` ${m.unit}` : ""}`;
}

/** What the reading says of a control's state, through the measurement it names (`undefined`: no such measurement). */
export function controlState(control: DeviceControl, reading: DeviceReading<unknown> | undefined): ControlState | undefined {
  if (!control.state || !reading) return undefined;
  const m = reading.measurements.find((x) => x.key === control.state);
  if (!m) return undefined;
  if (m.value === null) return { text: "–", tone: "unknown", value: null };
  if (typeof m.value === "boolean") return onOff(m.value);
  return { text: measurementText(m), tone: "value", value: m.value };
}
