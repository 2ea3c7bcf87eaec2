import type { Transport } from "@batt/core";
import type { WebHidDeviceFilter, WebHidTransportOptions, WebSerialPortFilter, WebSerialTransportOptions } from "@batt/transport-web";
import type { Reading } from "../model.js";

/** How the browser reaches the device. */
export type DeviceLink =
  | {
      readonly kind: "serial";
      /** Line settings. */
      readonly options: WebSerialTransportOptions;
      /** Port picker filters (default: the common USB adapters). */
      readonly filters?: readonly WebSerialPortFilter[];
    }
  | {
      readonly kind: "hid";
      /** Device picker filters. */
      readonly filters: readonly WebHidDeviceFilter[];
      /** Report id and size. */
      readonly options?: WebHidTransportOptions;
    };

/** A connected driver, as the page polls it. */
export interface DeviceDriver {
  /** Model or product name, when the device tells it. */
  readonly name?: string;
  /** One complete reading. */
  read(signal: AbortSignal): Promise<Reading>;
  /** Detaches the driver (the page closes the transport). */
  dispose(): void;
}

/** A simulator answering on the device end of an in-page link. */
export interface DemoLink {
  /** The host end, open: connect the driver to it. */
  readonly transport: Transport;
  /** Stops the simulator and its scenario. */
  stop(): Promise<void>;
}

/**
 * One kind of device the dashboard can show. Adding a device is one file like `jbd.ts` (and its demo,
 * `jbd-demo.ts`) plus one entry in `DEVICES` (devices/index.ts); the page itself knows no device.
 */
export interface DashboardDevice {
  /** Short id (`jbd`). */
  readonly id: string;
  /** Name in the device list. */
  readonly title: string;
  /** Link to the real device. */
  readonly link: DeviceLink;
  /** Time between polls of a real device, ms. */
  readonly pollMs: number;
  /** Opens the driver on an open transport. */
  connect(transport: Transport): Promise<DeviceDriver>;
  /** Starts the device's simulator in the page (import it lazily: it is not needed for a real device). */
  demo(): Promise<DemoLink>;
}
