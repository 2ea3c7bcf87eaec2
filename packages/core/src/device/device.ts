import type { EngineCounters } from "../engine-counters.js";
import type { DeviceIdentity } from "../model/device-identity.js";
import type { DeviceReading } from "../model/device-reading.js";
import type { CallOptions } from "./link-options.js";

/**
 * The shape every driver has, whatever the device: one call for a live reading in the shared
 * measurement model, one for who the device is, the link's counters, and release.
 *
 * @typeParam Details - The device's own reading, carried in {@link DeviceReading.reading}.
 */
export interface Device<Details> {
  /** Reads the live state: measurements in SI units, battery summaries and the device's own details. */
  read(options?: CallOptions): Promise<DeviceReading<Details>>;
  /** Reads (once; later calls may answer from what was read) who the device is. */
  identify(options?: CallOptions): Promise<DeviceIdentity>;
  /** Running totals of the link: requests, replies, retries, timeouts, checksum errors, skipped bytes. */
  readonly counters: Readonly<EngineCounters>;
  /** Releases the driver: stops listening on the transport (which the caller closes). */
  dispose(): void;
}
