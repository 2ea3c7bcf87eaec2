import type { DeviceControl, DeviceReading, DeviceSettings } from "@batt/core";

/** What a {@link LiveDevice} tells its watchers. */
export interface LiveEvents {
  /** A new reading in the shared device model. */
  reading?(reading: DeviceReading<unknown>): void;
  /** A reading failed (the device stays on screen; the next one may succeed). */
  error?(error: unknown): void;
}

/**
 * One device on screen, wherever its readings come from: a driver polled in this page (WebSerial,
 * WebHID, Web Bluetooth, the demo's simulator) or a `batt gateway` over MQTT. The views know only this.
 */
export interface LiveDevice {
  /** Unique on the page (`local`, `gateway/jbd-garage`). */
  readonly key: string;
  /** Name for a person (the plugin's title, or the gateway's device name). */
  readonly title: string;
  /** What the page may change, each confirmed and read back by the device (empty: nothing). */
  readonly controls: readonly DeviceControl[];
  /** Stored settings, where the device has an editor for them. */
  readonly settings?: DeviceSettings;
  /** The latest reading, once there is one. */
  readonly latest: DeviceReading<unknown> | undefined;
  /** Watches readings and errors; returns the unsubscribe function. */
  subscribe(events: LiveEvents): () => void;
}
