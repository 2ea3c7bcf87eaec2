// The parts of the Web Bluetooth API (https://webbluetoothcg.github.io/web-bluetooth/) this package uses.
// TypeScript's DOM library does not declare them; they are kept module-local (not global) so that they
// cannot clash with `@types/web-bluetooth` in an application, whose types are assignable to these shapes.

/** One entry of a device-picker filter: every condition given must hold. */
export interface WebBluetoothScanFilter {
  /** Services the device must advertise (UUIDs, full or 16-bit as numbers). */
  readonly services?: (string | number)[];
  /** The exact advertised name. */
  readonly name?: string;
  /** The start of the advertised name. */
  readonly namePrefix?: string;
}

/** Options for `navigator.bluetooth.requestDevice()`. */
export interface WebBluetoothRequestOptions {
  /** Devices matching one of these are offered. */
  readonly filters?: WebBluetoothScanFilter[];
  /** Offer every device (then `optionalServices` must name the services to use). */
  readonly acceptAllDevices?: boolean;
  /** Services the page may use beside those in the filters. */
  readonly optionalServices?: (string | number)[];
}

/** What a characteristic supports. */
export interface WebBluetoothCharacteristicProperties {
  /** Notifications. */
  readonly notify: boolean;
  /** Writes with response. */
  readonly write: boolean;
  /** Writes without response. */
  readonly writeWithoutResponse: boolean;
}

/** A `BluetoothRemoteGATTCharacteristic`; fires `characteristicvaluechanged` with the new `value`. */
export interface WebBluetoothCharacteristic extends EventTarget {
  /** The characteristic's UUID (full form). */
  readonly uuid: string;
  /** What it supports. */
  readonly properties: WebBluetoothCharacteristicProperties;
  /** The last value read or notified. */
  readonly value?: DataView | null;
  /** Subscribes to notifications. */
  startNotifications(): Promise<WebBluetoothCharacteristic>;
  /** Unsubscribes. */
  stopNotifications(): Promise<WebBluetoothCharacteristic>;
  /** Writes, waiting for the peripheral's acknowledgement. */
  writeValueWithResponse?(value: BufferSource): Promise<void>;
  /** Writes without an acknowledgement. */
  writeValueWithoutResponse?(value: BufferSource): Promise<void>;
  /** The older write (with or without response, as the browser chooses). */
  writeValue?(value: BufferSource): Promise<void>;
}

/** A `BluetoothRemoteGATTService`. */
export interface WebBluetoothService {
  /** The service's UUID (full form). */
  readonly uuid: string;
  /** One characteristic by UUID; rejects with a `NotFoundError` when absent. */
  getCharacteristic(uuid: string): Promise<WebBluetoothCharacteristic>;
}

/** A `BluetoothRemoteGATTServer`: the connection to a device. */
export interface WebBluetoothGattServer {
  /** Whether connected. */
  readonly connected: boolean;
  /** Connects (resolves with itself). */
  connect(): Promise<WebBluetoothGattServer>;
  /** Disconnects; the device fires `gattserverdisconnected`. */
  disconnect(): void;
  /** A primary service by UUID; rejects with a `NotFoundError` when absent or not allowed. */
  getPrimaryService(uuid: string): Promise<WebBluetoothService>;
}

/** A `BluetoothDevice`; fires `gattserverdisconnected` when the connection ends. */
export interface WebBluetoothDevice extends EventTarget {
  /** An opaque id, stable for this origin. */
  readonly id: string;
  /** The advertised name, when known. */
  readonly name?: string | null | undefined;
  /** Its GATT server (absent for devices the page may not connect to). */
  readonly gatt?: WebBluetoothGattServer | null | undefined;
}

/** `navigator.bluetooth`. */
export interface WebBluetooth extends EventTarget {
  /** Shows the browser's device picker (needs a user gesture); rejects with a `NotFoundError` when nothing is chosen. */
  requestDevice(options: WebBluetoothRequestOptions): Promise<WebBluetoothDevice>;
  /** Whether the machine has a Bluetooth adapter the browser can use (false also when the user blocked it). */
  getAvailability?(): Promise<boolean>;
  /** Devices granted to this origin before (behind a flag in some Chromium versions). */
  getDevices?(): Promise<WebBluetoothDevice[]>;
}
