import { wallTimeOf, type Clock } from "../clock.js";
import { BattError } from "../errors.js";
import { batteryMeasurements } from "./battery-measurements.js";
import type { BatterySummary } from "./battery-summary.js";
import type { DeviceIdentity } from "./device-identity.js";
import type { DeviceReading } from "./device-reading.js";
import type { Measurement } from "./measurement.js";

/** What a driver knows after a read, for {@link makeReading}. */
export interface ReadingParts<Details> {
  /** Who the device is. */
  readonly device: DeviceIdentity;
  /** The batteries it watches (default none); their measurements come first, prefixed by battery id when there are several. */
  readonly batteries?: readonly BatterySummary[];
  /** The device's own measurements, after the batteries'. */
  readonly measurements?: readonly Measurement[];
  /** The device-specific reading. */
  readonly reading: Details;
}

/**
 * Assembles a {@link DeviceReading}: time-stamped from `clock`, the battery measurements from the
 * summaries, then the device's own.
 *
 * @throws BattError `invalid-argument` when two measurements share a key (a driver bug worth failing loudly on).
 */
export function makeReading<Details>(clock: Clock, parts: ReadingParts<Details>): DeviceReading<Details> {
  const batteries = parts.batteries ?? [];
  const several = batteries.length > 1;
  const measurements = [...batteries.flatMap((b) => batteryMeasurements(b, several ? `${b.id}_` : "")), ...(parts.measurements ?? [])];
  const seen = new Set<string>();
  for (const m of measurements) {
    if (seen.has(m.key)) throw new BattError("invalid-argument", `measurement key "${m.key}" appears twice in a ${parts.device.driver} reading`);
    seen.add(m.key);
  }
  return { time: new Date(wallTimeOf(clock)).toISOString(), device: parts.device, measurements, batteries, reading: parts.reading };
}
