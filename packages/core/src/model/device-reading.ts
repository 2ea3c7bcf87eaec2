import type { BatterySummary } from "./battery-summary.js";
import type { DeviceIdentity } from "./device-identity.js";
import type { Measurement } from "./measurement.js";

/**
 * One reading of a device, the same shape for every device: when, who, the measurements (SI units,
 * each described), the batteries it watches, and the device-specific details. This is what
 * `read()` of every driver returns and what `batt read --json` prints.
 *
 * @typeParam Details - The device's own reading (its decoded frames or registers).
 */
export interface DeviceReading<Details> {
  /** When the reading was completed, ISO 8601 in UTC (`2026-12-06T09:15:41.000Z`). */
  readonly time: string;
  /** Who the device is. */
  readonly device: DeviceIdentity;
  /** Every value, described (keys are unique within the reading). */
  readonly measurements: readonly Measurement[];
  /** The batteries the device watches (none for an EV charger). */
  readonly batteries: readonly BatterySummary[];
  /** The device-specific reading, for what the measurements do not carry. */
  readonly reading: Details;
}
