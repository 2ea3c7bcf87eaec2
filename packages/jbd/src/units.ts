/** Offset of 0 °C in the BMS's 0.1 K temperature words (vendor value; not 2731.5). */
export const KELVIN_OFFSET_RAW = 2731;

/** Rounds to `decimals` places without the float noise of `x * 0.01` (e.g. 15.600000000000001). */
export function round(value: number, decimals: number): number {
  return Number(value.toFixed(decimals));
}

/** A 0.1 K temperature word as °C: `(raw − 2731) / 10`. */
export function kelvinTenthsToCelsius(raw: number): number {
  return round((raw - KELVIN_OFFSET_RAW) / 10, 1);
}

/** °C as a 0.1 K temperature word: `round(°C × 10) + 2731`. */
export function celsiusToKelvinTenths(celsius: number): number {
  return Math.round(celsius * 10) + KELVIN_OFFSET_RAW;
}
