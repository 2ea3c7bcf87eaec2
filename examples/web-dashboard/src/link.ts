import type { LinkDefaults, Transport } from "@batt/core";
import {
  grantedHidDevices,
  grantedSerialPorts,
  hasWebHid,
  hasWebSerial,
  requestHidDevice,
  requestSerialPort,
  serialPortLabel,
  usbSerialAdapterFilters,
  webHid,
  webSerial,
  WebHidTransport,
  WebSerialTransport,
  hasWebBluetooth,
  requestBluetoothDevice,
  webBluetooth,
  WebBluetoothTransport,
  type WebHidDeviceFilter,
  type WebHidTransportOptions,
  type WebSerialTransportOptions,
} from "@batt/transport-web";

/** How the browser reaches a device: WebSerial with line settings, or WebHID with a device filter. */
export type DeviceLink =
  | { readonly kind: "serial"; readonly options: WebSerialTransportOptions }
  | { readonly kind: "hid"; readonly filters: readonly WebHidDeviceFilter[]; readonly options: WebHidTransportOptions };

/** The browser link for a plugin's default link (its baud rate and framing, or its USB ids and report size). */
export function browserLink(link: LinkDefaults): DeviceLink {
  if (link.kind === "hid") {
    return { kind: "hid", filters: [{ vendorId: link.vendorId, ...(link.productId !== undefined ? { productId: link.productId } : {}) }], options: { reportSize: link.reportSize } };
  }
  return {
    kind: "serial",
    options: {
      baudRate: link.baudRate,
      ...(link.dataBits === 7 || link.dataBits === 8 ? { dataBits: link.dataBits } : {}),
      // WebSerial has no mark or space parity; no device of ours uses them.
      ...(link.parity === "none" || link.parity === "even" || link.parity === "odd" ? { parity: link.parity } : {}),
      ...(link.stopBits === 1 || link.stopBits === 2 ? { stopBits: link.stopBits } : {}),
    },
  };
}

/** A transport to a device with a name for the status line. */
export interface PickedLink {
  readonly transport: Transport;
  readonly label: string;
}

/** Whether this browser can reach such a device. */
export function linkSupported(link: DeviceLink): boolean {
  return link.kind === "serial" ? hasWebSerial() : hasWebHid();
}

/** Why this browser cannot reach such a device (the `unsupported` error's message). */
export function unsupportedReason(link: DeviceLink): string {
  try {
    if (link.kind === "serial") webSerial();
    else webHid();
    return "";
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Shows the browser's picker for the link (call from a click). */
export async function pickLink(link: DeviceLink): Promise<PickedLink> {
  if (link.kind === "serial") {
    const port = await requestSerialPort({});
    return { transport: new WebSerialTransport(port, link.options), label: serialPortLabel(port) };
  }
  const device = await requestHidDevice(link.filters);
  return { transport: new WebHidTransport(device, link.options), label: device.productName || "HID device" };
}

/** A port or device granted on an earlier visit, if there is one (no picker needed). */
export async function grantedLink(link: DeviceLink): Promise<PickedLink | undefined> {
  if (!linkSupported(link)) return undefined;
  if (link.kind === "serial") {
    const [port] = await grantedSerialPorts(usbSerialAdapterFilters());
    return port ? { transport: new WebSerialTransport(port, link.options), label: serialPortLabel(port) } : undefined;
  }
  const [device] = await grantedHidDevices(link.filters);
  return device ? { transport: new WebHidTransport(device, link.options), label: device.productName || "HID device" } : undefined;
}

/** Why this browser cannot reach a Bluetooth module (empty when it can). */
export function bluetoothUnsupportedReason(): string {
  try {
    webBluetooth();
    return "";
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Whether the page may offer Bluetooth for a device: its plugin names a module profile and the browser has Web Bluetooth. */
export function bluetoothOffered(link: LinkDefaults): boolean {
  return link.ble !== undefined && hasWebBluetooth();
}

/** Shows the browser's Bluetooth chooser for the device's module (call from a click). */
export async function pickBluetooth(link: LinkDefaults): Promise<PickedLink> {
  const profile = link.ble;
  if (!profile) throw new Error("this device has no Bluetooth module profile");
  const device = await requestBluetoothDevice(profile);
  const transport = new WebBluetoothTransport(device, { profile });
  return { transport, label: `Bluetooth ${device.name ?? device.id}` };
}
