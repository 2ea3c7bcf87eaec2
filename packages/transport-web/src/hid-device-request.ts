import { BattError } from "@batt/core";
import { webHid } from "./feature-detection.js";
import { pickerError } from "./picker-error.js";
import type { WebHidDevice, WebHidDeviceFilter } from "./web-hid-types.js";

/**
 * Junsi iCharger chargers (308/406/4010 DUO, 456/458/4512 DUO, X6/X8/X12, S6, DX6/DX8/DX12): every
 * model enumerates as 0483:5751; the product string names the model.
 */
export const ICHARGER_HID_FILTERS: readonly WebHidDeviceFilter[] = [{ vendorId: 0x0483, productId: 0x5751 }];

/**
 * Shows the browser's HID device picker limited to `filters` and resolves with the chosen device.
 * Call it from a click or key handler (the browser requires a user gesture).
 *
 * @throws BattError `unsupported` without WebHID or without a user gesture; `not-found` when the picker
 *   was closed without choosing a device.
 */
export async function requestHidDevice(filters: readonly WebHidDeviceFilter[]): Promise<WebHidDevice> {
  const hid = webHid();
  let devices: WebHidDevice[];
  try {
    devices = await hid.requestDevice({ filters: filters.map((f) => ({ ...f })) });
  } catch (error) {
    throw pickerError("HID device", error);
  }
  const device = devices[0];
  if (!device) throw new BattError("not-found", "no HID device was selected");
  return device;
}

/** {@link requestHidDevice} for an iCharger ({@link ICHARGER_HID_FILTERS}). */
export function requestIChargerDevice(): Promise<WebHidDevice> {
  return requestHidDevice(ICHARGER_HID_FILTERS);
}

/**
 * Devices the person granted to this site before, optionally only those matching `filters` by vendor
 * and product id. Reopen one with a new `WebHidTransport` without showing the picker again.
 *
 * @throws BattError `unsupported` without WebHID.
 */
export async function grantedHidDevices(filters: readonly WebHidDeviceFilter[] = []): Promise<WebHidDevice[]> {
  const hid = webHid();
  let devices: WebHidDevice[];
  try {
    devices = await hid.getDevices();
  } catch (error) {
    throw pickerError("HID device", error);
  }
  if (filters.length === 0) return devices;
  return devices.filter((d) =>
    filters.some((f) => (f.vendorId === undefined || f.vendorId === d.vendorId) && (f.productId === undefined || f.productId === d.productId)),
  );
}
