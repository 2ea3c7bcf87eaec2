import { BattError, bleGattProfile, bleUuid, type BleGattProfile, type BleGattProfileId } from "@batt/core";
import { webBluetooth } from "./feature-detection.js";
import { pickerError } from "./picker-error.js";
import type { WebBluetoothDevice, WebBluetoothRequestOptions } from "./web-bluetooth-types.js";

/** Options for {@link requestBluetoothDevice}. */
export interface BluetoothDeviceRequestOptions {
  /** Offer every device nearby instead of those matching the profile (for modules with unusual names). */
  readonly acceptAllDevices?: boolean;
  /** Extra name prefixes to offer, beside the profile's. */
  readonly namePrefixes?: readonly string[];
}

/**
 * The picker options for a profile: devices advertising its service or named like its modules, with
 * the service allowed either way (a device found by name must still be allowed the service).
 */
export function bluetoothRequestOptions(profile: BleGattProfile | BleGattProfileId, options: BluetoothDeviceRequestOptions = {}): WebBluetoothRequestOptions {
  const found = typeof profile === "string" ? bleGattProfile(profile) : profile;
  if (!found) throw new BattError("invalid-argument", `unknown Bluetooth profile "${String(profile)}"`);
  const service = bleUuid(found.service);
  if (options.acceptAllDevices) return { acceptAllDevices: true, optionalServices: [service] };
  const prefixes = [...new Set([...found.namePrefixes, ...(options.namePrefixes ?? [])])];
  return { filters: [{ services: [service] }, ...prefixes.map((namePrefix) => ({ namePrefix }))], optionalServices: [service] };
}

/**
 * Shows the browser's Bluetooth device picker for a kind of module (`jbd`, `jk`, or a profile) and
 * resolves with the chosen device; open it with `new WebBluetoothTransport(device, { profile })`.
 * Call it from a click or key handler (the browser requires a user gesture). Pairing in the operating
 * system is not needed: the modules connect without it.
 *
 * @throws BattError `unsupported` without Web Bluetooth or without a user gesture; `not-found` when the
 *   picker was closed without choosing a device (or no adapter is present).
 */
export async function requestBluetoothDevice(profile: BleGattProfile | BleGattProfileId, options: BluetoothDeviceRequestOptions = {}): Promise<WebBluetoothDevice> {
  const bluetooth = webBluetooth();
  const request = bluetoothRequestOptions(profile, options);
  try {
    return await bluetooth.requestDevice(request);
  } catch (error) {
    throw pickerError("Bluetooth device", error);
  }
}

/**
 * Whether the machine has a Bluetooth adapter the browser may use (false without Web Bluetooth, and
 * where the browser cannot tell).
 */
export async function bluetoothAvailable(): Promise<boolean> {
  try {
    const bluetooth = webBluetooth();
    return (await bluetooth.getAvailability?.()) ?? true;
  } catch {
    return false;
  }
}
