import { webSerial } from "./feature-detection.js";
import { pickerError } from "./picker-error.js";
import { findUsbSerialAdapter, matchesSerialFilter, usbIds, usbSerialAdapterFilters } from "./usb-serial-adapters.js";
import type { WebSerialPort, WebSerialPortFilter } from "./web-serial-types.js";

/** Options for {@link requestSerialPort}. */
export interface SerialPortRequestOptions {
  /**
   * Ports offered in the picker (default: the adapters of `USB_SERIAL_ADAPTERS`). An empty list
   * offers every port, including Bluetooth serial ports and adapters not in the table.
   */
  readonly filters?: readonly WebSerialPortFilter[];
}

/**
 * Shows the browser's serial port picker and resolves with the port the person chose. Call it from a
 * click or key handler (the browser requires a user gesture).
 *
 * @throws BattError `unsupported` without WebSerial or without a user gesture; `not-found` when the
 *   picker was closed without choosing a port.
 *
 * @example
 * ```ts
 * button.onclick = async () => {
 *   const port = await requestSerialPort();
 *   const transport = new WebSerialTransport(port, { baudRate: 9600 });
 *   await transport.open();
 * };
 * ```
 */
export async function requestSerialPort(options: SerialPortRequestOptions = {}): Promise<WebSerialPort> {
  const serial = webSerial();
  const filters = options.filters ?? usbSerialAdapterFilters();
  try {
    return await serial.requestPort(filters.length > 0 ? { filters: filters.map((f) => ({ ...f })) } : {});
  } catch (error) {
    throw pickerError("serial port", error);
  }
}

/**
 * Ports the person granted to this site before (they stay granted across visits), optionally only those
 * matching `filters`. Reopen one with a new `WebSerialTransport` without showing the picker again.
 *
 * @throws BattError `unsupported` without WebSerial.
 */
export async function grantedSerialPorts(filters: readonly WebSerialPortFilter[] = []): Promise<WebSerialPort[]> {
  const serial = webSerial();
  let ports: WebSerialPort[];
  try {
    ports = await serial.getPorts();
  } catch (error) {
    throw pickerError("serial port", error);
  }
  if (filters.length === 0) return ports;
  return ports.filter((port) => filters.some((f) => matchesSerialFilter(port.getInfo(), f)));
}

/** A short name for a port: the adapter chip and USB ids when known (`CH340 1a86:7523`), else `serial port`. */
export function serialPortLabel(port: WebSerialPort): string {
  const info = port.getInfo();
  if (info.usbVendorId === undefined || info.usbProductId === undefined) return "serial port";
  const ids = usbIds(info.usbVendorId, info.usbProductId);
  const adapter = findUsbSerialAdapter(info);
  return adapter ? `${adapter.chip} ${ids}` : `USB serial ${ids}`;
}
