/** Hours of the day between which the sun is up in the simple day model. */
export const SUNRISE_HOUR = 6;
/** End of daylight in the simple day model. */
export const SUNSET_HOUR = 18;

/**
 * Clear-sky irradiance over a day, W/m²: a half sine from sunrise (6:00) to sunset (18:00)
 * peaking at noon, zero at night. `hour` may be any number; it is taken modulo 24.
 *
 * @example clearSkyIrradiance(12) // 1000
 */
export function clearSkyIrradiance(hour: number, peak = 1000): number {
  const h = ((hour % 24) + 24) % 24;
  if (h <= SUNRISE_HOUR || h >= SUNSET_HOUR) return 0;
  return peak * Math.sin((Math.PI * (h - SUNRISE_HOUR)) / (SUNSET_HOUR - SUNRISE_HOUR));
}
