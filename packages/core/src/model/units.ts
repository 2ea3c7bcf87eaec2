/**
 * The units a measurement may carry: SI units and the few SI-accepted ones people read batteries in
 * (°C, Wh, Ah, %). Nothing else: no mV, mA, mAh or ms in a reading.
 */
export type Unit = "V" | "A" | "W" | "Wh" | "Ah" | "°C" | "%" | "s" | "Ω" | "Hz";

/** Every {@link Unit}, for checks and menus. */
export const UNITS: readonly Unit[] = ["V", "A", "W", "Wh", "Ah", "°C", "%", "s", "Ω", "Hz"];

/** Whether `value` is one of the {@link UNITS}. */
export function isUnit(value: unknown): value is Unit {
  return typeof value === "string" && (UNITS as readonly string[]).includes(value);
}
