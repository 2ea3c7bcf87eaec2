// The parts of the WebHID API (https://wicg.github.io/webhid/) this package uses. TypeScript's DOM
// library does not declare them; they are kept module-local (not global) so that they cannot clash with
// `@types/w3c-web-hid` in an application, whose `HIDDevice` is assignable to these shapes.

/** A `HIDDevice` of the WebHID API. Input reports arrive as `inputreport` events. */
export interface WebHidDevice extends EventTarget {
  /** Whether the device is open (in this page). */
  readonly opened: boolean;
  /** USB vendor id. */
  readonly vendorId: number;
  /** USB product id. */
  readonly productId: number;
  /** USB product string. */
  readonly productName: string;
  /** Opens the device. */
  open(): Promise<void>;
  /** Closes the device. */
  close(): Promise<void>;
  /** Sends an output report: `reportId` (0 when the device does not number its reports) and the report body. */
  sendReport(reportId: number, data: BufferSource): Promise<void>;
}

/** The `inputreport` event of a {@link WebHidDevice}. */
export interface WebHidInputReportEvent extends Event {
  /** The device that sent it. */
  readonly device: WebHidDevice;
  /** Report id (0 when the device does not number its reports). */
  readonly reportId: number;
  /** The report body, without the report id. */
  readonly data: DataView;
}

/** The `connect` / `disconnect` event of `navigator.hid`. */
export interface WebHidConnectionEvent extends Event {
  /** The device that came or went. */
  readonly device: WebHidDevice;
}

/** One entry of a device-picker filter. */
export interface WebHidDeviceFilter {
  /** USB vendor id. */
  readonly vendorId?: number;
  /** USB product id. */
  readonly productId?: number;
  /** HID usage page. */
  readonly usagePage?: number;
  /** HID usage. */
  readonly usage?: number;
}

/** Options for `navigator.hid.requestDevice()`. */
export interface WebHidRequestOptions {
  /** Only devices matching one of these are offered. */
  readonly filters: WebHidDeviceFilter[];
}

/** `navigator.hid`. Fires `connect` and `disconnect` events ({@link WebHidConnectionEvent}). */
export interface WebHid extends EventTarget {
  /** Shows the browser's device picker (needs a user gesture); resolves with the chosen devices (empty when cancelled). */
  requestDevice(options: WebHidRequestOptions): Promise<WebHidDevice[]>;
  /** Devices the user granted to this origin before. */
  getDevices(): Promise<WebHidDevice[]>;
}
