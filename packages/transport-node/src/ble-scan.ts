import { BattError, BLE_GATT_PROFILES, systemClock, type BleGattProfile, type Clock } from "@batt/core";
import { loadNoble, nobleUuid, readyAdapter } from "./ble-backend.js";
import type { Noble, NoblePeripheral } from "./ble-noble-types.js";

/** A Bluetooth device a scan heard. */
export interface BleDeviceInfo {
  /** `aa:bb:cc:dd:ee:ff` where the platform tells it (Linux, Windows), else noble's id (macOS). */
  readonly address: string;
  /** The advertised name, when it has one. */
  readonly name?: string;
  /** Signal strength, dBm. */
  readonly rssi?: number;
  /** Advertised service UUIDs (noble's form: `ff00`). */
  readonly services: readonly string[];
  /** The profile (`jbd`, `jk`) its advertised service or name suggests, when one does. */
  readonly profile?: string;
}

/** Options of {@link scanBleDevices}. */
export interface BleScanOptions {
  /** How long to listen, ms (default 5000). */
  readonly durationMs?: number;
  /** Time source for the scan's duration and the adapter's deadline (default: the system clock). */
  readonly clock?: Clock;
  /** The noble instance to use (default: a fresh @stoprocent/noble instance, released when the scan ends). */
  readonly noble?: Noble;
  /** Profiles to recognise devices by (default: every one of `BLE_GATT_PROFILES`). */
  readonly profiles?: readonly BleGattProfile[];
}

/** How long to wait for the adapter to report a state after the library loads, ms. */
export const ADAPTER_READY_TIMEOUT_MS = 5000;

/** The profile a device's advertisement matches: by service first, then by name prefix. */
export function guessBleProfile(peripheral: { readonly name?: string | undefined; readonly services: readonly string[] }, profiles: readonly BleGattProfile[]): BleGattProfile | undefined {
  const services = new Set(peripheral.services.map(nobleUuid));
  return (
    profiles.find((p) => services.has(nobleUuid(p.service))) ??
    profiles.find((p) => peripheral.name !== undefined && p.namePrefixes.some((prefix) => peripheral.name!.startsWith(prefix)))
  );
}

/** What a peripheral's advertisement tells, as {@link BleDeviceInfo}. */
export function bleDeviceInfo(peripheral: NoblePeripheral, profiles: readonly BleGattProfile[] = Object.values(BLE_GATT_PROFILES)): BleDeviceInfo {
  const name = peripheral.advertisement.localName || undefined;
  const services = [...(peripheral.advertisement.serviceUuids ?? [])];
  const address = peripheral.address && peripheral.address !== "unknown" ? peripheral.address.toLowerCase() : peripheral.id;
  const profile = guessBleProfile({ name, services }, profiles)?.id;
  return { address, ...(name !== undefined ? { name } : {}), ...(peripheral.rssi !== undefined ? { rssi: peripheral.rssi } : {}), services, ...(profile ? { profile } : {}) };
}

/**
 * Listens for Bluetooth Low Energy devices for `durationMs` and lists each once (strongest signal
 * first), with the profile its advertisement suggests.
 *
 * @throws BattError `unsupported` when @stoprocent/noble cannot load, the machine has no adapter, may
 *   not use it, or it is switched off; the message says which.
 */
export async function scanBleDevices(options: BleScanOptions = {}): Promise<BleDeviceInfo[]> {
  const { durationMs = 5000, clock = systemClock } = options;
  if (!Number.isFinite(durationMs) || durationMs <= 0) throw new BattError("invalid-argument", `the scan duration must be a positive number of ms, got ${durationMs}`);
  const profiles = options.profiles ?? Object.values(BLE_GATT_PROFILES);
  const noble = options.noble ?? (await loadNoble());
  try {
    await readyAdapter(noble, clock, ADAPTER_READY_TIMEOUT_MS);
    return await listen(noble, clock, durationMs, profiles);
  } finally {
    if (!options.noble) noble.stop?.();
  }
}

/** Collects what the adapter hears for `durationMs`. */
async function listen(noble: Noble, clock: Clock, durationMs: number, profiles: readonly BleGattProfile[]): Promise<BleDeviceInfo[]> {
  const found = new Map<string, BleDeviceInfo>();
  const onDiscover = (peripheral: NoblePeripheral): void => {
    const info = bleDeviceInfo(peripheral, profiles);
    const before = found.get(info.address);
    // Names often come in a later advertisement (the scan response): keep what is known.
    found.set(info.address, { ...before, ...info, ...(info.name === undefined && before?.name !== undefined ? { name: before.name } : {}) });
  };
  noble.on("discover", onDiscover);
  try {
    await noble.startScanningAsync([], true);
    await new Promise<void>((resolve) => clock.setTimer(resolve, durationMs));
  } catch (error) {
    throw new BattError("unsupported", `Bluetooth scan failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  } finally {
    noble.removeListener("discover", onDiscover);
    await noble.stopScanningAsync().catch(() => undefined);
  }
  return [...found.values()].sort((a, b) => (b.rssi ?? -999) - (a.rssi ?? -999));
}
