import type { DeviceSession } from "@batt/core";
import type { ChargerReading } from "../charger-reading.js";
import type { EvCharger } from "../ev-charger.js";

/** A connected charger as the `batt` command uses it. */
export class EvChargerSession implements DeviceSession {
  constructor(
    /** The driver. */
    readonly charger: EvCharger,
  ) {}

  /** Live values, settings and warnings. */
  read(signal?: AbortSignal): Promise<ChargerReading> {
    return this.charger.read(signal ? { signal } : {});
  }

  /** Releases the driver; the caller closes the transport. */
  async close(): Promise<void> {
    this.charger.dispose();
  }
}
