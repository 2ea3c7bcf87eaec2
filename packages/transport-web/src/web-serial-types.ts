// The parts of the Web Serial API (https://wicg.github.io/serial/) this package uses. TypeScript's DOM
// library does not declare them; they are kept module-local (not global) so that they cannot clash with
// `@types/w3c-web-serial` in an application, whose `SerialPort` is assignable to these shapes.

/** Parity settings WebSerial supports (no mark or space). */
export type WebSerialParity = "none" | "even" | "odd";

/** Settings for `SerialPort.open()`. */
export interface WebSerialOpenOptions {
  /** Bits per second. */
  readonly baudRate: number;
  /** Data bits per character: 7 or 8. */
  readonly dataBits?: 7 | 8;
  /** Stop bits: 1 or 2. */
  readonly stopBits?: 1 | 2;
  /** Parity. */
  readonly parity?: WebSerialParity;
  /** Size of the read and write buffers, bytes. */
  readonly bufferSize?: number;
  /** RTS/CTS flow control or none. */
  readonly flowControl?: "none" | "hardware";
}

/** What `SerialPort.getInfo()` tells about a port (USB ids only for USB adapters). */
export interface WebSerialPortInfo {
  /** USB vendor id. */
  readonly usbVendorId?: number;
  /** USB product id. */
  readonly usbProductId?: number;
}

/**
 * A `SerialPort` of the Web Serial API. Its `readable` and `writable` exist while it is open; a fatal
 * error (the device was lost) sets `readable` to null, a line error (parity, framing, break, overrun)
 * errors the current stream and the port then offers a new one.
 */
export interface WebSerialPort extends EventTarget {
  /** Bytes from the device, while open. */
  readonly readable: ReadableStream<Uint8Array> | null;
  /** Bytes to the device, while open. */
  readonly writable: WritableStream<Uint8Array> | null;
  /** Opens the port with the given settings. */
  open(options: WebSerialOpenOptions): Promise<void>;
  /** Closes the port (its streams must be unlocked). */
  close(): Promise<void>;
  /** USB ids of the port, when it is a USB adapter. */
  getInfo(): WebSerialPortInfo;
}

/** One entry of a port-picker filter: matches a USB vendor and, optionally, product id. */
export interface WebSerialPortFilter {
  /** USB vendor id. */
  readonly usbVendorId?: number;
  /** USB product id (needs `usbVendorId`). */
  readonly usbProductId?: number;
}

/** Options for `navigator.serial.requestPort()`. */
export interface WebSerialRequestOptions {
  /** Only ports matching one of these are offered. */
  readonly filters?: WebSerialPortFilter[];
}

/** `navigator.serial`. Fires `connect` and `disconnect` events whose target is the port. */
export interface WebSerial extends EventTarget {
  /** Shows the browser's port picker (needs a user gesture); rejects with a `NotFoundError` when nothing is chosen. */
  requestPort(options?: WebSerialRequestOptions): Promise<WebSerialPort>;
  /** Ports the user granted to this origin before. */
  getPorts(): Promise<WebSerialPort[]>;
}
