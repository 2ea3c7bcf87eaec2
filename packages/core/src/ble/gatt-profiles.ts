/**
 * How a BMS's Bluetooth module carries its UART protocol over GATT: writes of the request bytes to one
 * characteristic, notifications with the reply bytes (in pieces of at most the link's MTU) from another.
 * UUIDs are written in their 16-bit form; `bleUuid()` expands them.
 */
export interface BleGattProfile {
  /** Profile id, as `--ble-profile` and the tables use it (`jbd`, `jk`). */
  readonly id: string;
  /** What it is, for messages and help. */
  readonly name: string;
  /** The primary service holding both characteristics. */
  readonly service: string;
  /** The characteristic whose notifications carry the device's bytes. */
  readonly notify: string;
  /** The characteristic the host writes its bytes to (may be the same as `notify`). */
  readonly write: string;
  /** Whether the module takes writes without response (faster; both kinds are accepted by the modules listed). */
  readonly writeWithoutResponse: boolean;
  /** Bytes per write the module is known to take (the default ATT MTU of 23 less 3 bytes of header: 20). */
  readonly mtu: number;
  /** Starts of the names the modules advertise, for pickers and scans. */
  readonly namePrefixes: readonly string[];
  /** Where the UUIDs and names come from. */
  readonly sources: readonly string[];
}

/**
 * The Bluetooth modules of the packs this project reads, as data. Sources: the JBD module notes of
 * Overkill Solar's bms-tools (service FF00: FF01 notify, FF02 write without response; "the basic info
 * message is returned in 2 consecutive notifications"), esphome-jk-bms `docs/protocol-design-ble.md`
 * (JK: service FFE0, FFE1 for both writes and notifications; 20-byte commands; 300–320-byte replies
 * fragmented to the MTU), BMS_BLE-HA's README for the advertised names (JBD `SP..S…`, `GJ-…`, `SX1…`;
 * JK `JK-…`/`JK_…`).
 */
export const BLE_GATT_PROFILES = {
  jbd: {
    id: "jbd",
    name: "JBD / Xiaoxiang Bluetooth module (DD … 77 over BLE)",
    service: "ff00",
    notify: "ff01",
    write: "ff02",
    writeWithoutResponse: true,
    mtu: 20,
    namePrefixes: ["SP", "GJ-", "SX1", "xiaoxiang", "JBD"],
    sources: ["overkillsolar/bms-tools BLE notes", "BMS_BLE-HA README"],
  },
  jk: {
    id: "jk",
    name: "JK / Jikong Bluetooth BMS (55 AA EB 90 over BLE)",
    service: "ffe0",
    notify: "ffe1",
    write: "ffe1",
    writeWithoutResponse: true,
    mtu: 20,
    namePrefixes: ["JK-", "JK_", "JK"],
    sources: ["syssi/esphome-jk-bms docs/protocol-design-ble.md", "BMS_BLE-HA README"],
  },
} as const satisfies Record<string, BleGattProfile>;

/** Ids of {@link BLE_GATT_PROFILES}. */
export type BleGattProfileId = keyof typeof BLE_GATT_PROFILES;

/** The profile with this id, or undefined. */
export function bleGattProfile(id: string): BleGattProfile | undefined {
  return Object.hasOwn(BLE_GATT_PROFILES, id) ? BLE_GATT_PROFILES[id as BleGattProfileId] : undefined;
}
