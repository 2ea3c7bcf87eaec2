import { BattError } from "../errors.js";
import type { TransportInfo } from "../transport.js";
import { bleUuid } from "./ble-uuid.js";
import { bleGattProfile, type BleGattProfile, type BleGattProfileId } from "./gatt-profiles.js";

/** How a Bluetooth transport reaches its device's UART: the module's GATT profile and the write size. */
export interface BleLinkOptions {
  /** The module's GATT profile, or its id in `BLE_GATT_PROFILES` (`jbd`, `jk`). */
  readonly profile: BleGattProfile | BleGattProfileId;
  /** Most bytes per characteristic write; longer writes are split (default: the profile's, 20). */
  readonly mtu?: number;
  /** Write without response where the characteristic allows it (default: the profile's). */
  readonly writeWithoutResponse?: boolean;
}

/** What a Bluetooth transport reports. */
export interface BleTransportInfo extends TransportInfo {
  /** `ble <name or id> <profile>`. */
  readonly description: string;
  /** The GATT profile in use, UUIDs in full form. */
  readonly profile: BleGattProfile;
  /** Most bytes per write. */
  readonly mtu: number;
  /** Whether writes go without response (where the characteristic allows it). */
  readonly writeWithoutResponse: boolean;
}

/**
 * The profile with full UUIDs, the MTU and the write mode, checked.
 * @throws BattError `invalid-argument` for an unknown profile id, a bad UUID or an MTU outside 1–512.
 */
export function bleLinkSettings(options: BleLinkOptions): { profile: BleGattProfile; mtu: number; writeWithoutResponse: boolean } {
  const given = typeof options.profile === "string" ? bleGattProfile(options.profile) : options.profile;
  if (!given) throw new BattError("invalid-argument", `unknown Bluetooth profile "${String(options.profile)}"`);
  const profile: BleGattProfile = { ...given, service: bleUuid(given.service), notify: bleUuid(given.notify), write: bleUuid(given.write) };
  const mtu = options.mtu ?? profile.mtu;
  if (!Number.isInteger(mtu) || mtu < 1 || mtu > 512) throw new BattError("invalid-argument", `the Bluetooth MTU must be an integer from 1 to 512 bytes, got ${mtu}`);
  return { profile, mtu, writeWithoutResponse: options.writeWithoutResponse ?? profile.writeWithoutResponse };
}

/** `data` cut into pieces of at most `mtu` bytes (views, in order). */
export function splitToMtu(data: Uint8Array, mtu: number): Uint8Array[] {
  const pieces: Uint8Array[] = [];
  for (let at = 0; at < data.length; at += mtu) pieces.push(data.subarray(at, at + mtu));
  return pieces;
}
