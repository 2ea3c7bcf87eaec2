import type { DeviceSession } from "@batt/core";
import type { ChargerReading, ICharger } from "../icharger.js";

/** A connected iCharger as the `batt` command uses it. */
export class IChargerSession implements DeviceSession {
  constructor(
    /** The driver. */
    readonly charger: ICharger,
  ) {}

  /** Device info and every channel. */
  read(signal?: AbortSignal): Promise<ChargerReading> {
    return this.charger.read(signal);
  }

  /** Releases the driver; the caller closes the transport. */
  async close(): Promise<void> {
    this.charger.dispose();
  }
}
