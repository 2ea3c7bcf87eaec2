import type { Transport } from "@batt/core";
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
} from "@batt/transport-web";
import type { DeviceLink } from "./devices/index.js";

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
    const port = await requestSerialPort(link.filters ? { filters: link.filters } : {});
    return { transport: new WebSerialTransport(port, link.options), label: serialPortLabel(port) };
  }
  const device = await requestHidDevice(link.filters);
  return { transport: new WebHidTransport(device, link.options), label: device.productName || "HID device" };
}

/** A port or device granted on an earlier visit, if there is one (no picker needed). */
export async function grantedLink(link: DeviceLink): Promise<PickedLink | undefined> {
  if (!linkSupported(link)) return undefined;
  if (link.kind === "serial") {
    const [port] = await grantedSerialPorts(link.filters ?? usbSerialAdapterFilters());
    return port ? { transport: new WebSerialTransport(port, link.options), label: serialPortLabel(port) } : undefined;
  }
  const [device] = await grantedHidDevices(link.filters);
  return device ? { transport: new WebHidTransport(device, link.options), label: device.productName || "HID device" } : undefined;
}
