// The parts of @stoprocent/noble's API (2.x) this package uses, declared here so the public types never
// depend on the optional package. UUIDs are as noble writes them: lower case without dashes, 16-bit
// UUIDs on the Bluetooth base in their short form (`ff01`).

/** Adapter states noble reports. */
export type NobleState = "unknown" | "resetting" | "unsupported" | "unauthorized" | "poweredOff" | "poweredOn";

/** A characteristic of a connected peripheral. */
export interface NobleCharacteristic {
  /** UUID, noble's form. */
  readonly uuid: string;
  /** `read`, `write`, `writeWithoutResponse`, `notify`, `indicate`, … */
  readonly properties: readonly string[];
  /** Subscribes to notifications. */
  subscribeAsync(): Promise<void>;
  /** Unsubscribes. */
  unsubscribeAsync(): Promise<void>;
  /** Writes `data`, without response when asked. */
  writeAsync(data: Buffer, withoutResponse: boolean): Promise<void>;
  /** `data`: a notification (or read) value. */
  on(event: "data", listener: (data: Buffer, isNotification: boolean) => void): unknown;
  /** Stops a listener. */
  removeListener(event: "data", listener: (data: Buffer, isNotification: boolean) => void): unknown;
}

/** Advertised data of a peripheral. */
export interface NobleAdvertisement {
  /** Advertised name. */
  readonly localName?: string | undefined;
  /** Advertised service UUIDs. */
  readonly serviceUuids?: readonly string[] | undefined;
}

/** A peripheral found by a scan. */
export interface NoblePeripheral {
  /** noble's id (the address without colons on Linux, a UUID on macOS). */
  readonly id: string;
  /** `aa:bb:cc:dd:ee:ff` (empty or `unknown` on macOS). */
  readonly address: string;
  /** Signal strength at discovery, dBm. */
  readonly rssi?: number | undefined;
  /** Advertised data. */
  readonly advertisement: NobleAdvertisement;
  /** `disconnected`, `connecting`, `connected`, `disconnecting`. */
  readonly state?: string | undefined;
  /** Connects. */
  connectAsync(): Promise<void>;
  /** Disconnects. */
  disconnectAsync(): Promise<void>;
  /** Finds the given services and characteristics (noble UUID form). */
  discoverSomeServicesAndCharacteristicsAsync(serviceUuids: string[], characteristicUuids: string[]): Promise<{ characteristics: NobleCharacteristic[] }>;
  /** `disconnect`: the connection ended (by us or by the link). */
  once(event: "disconnect", listener: (reason?: unknown) => void): unknown;
  /** Stops a listener. */
  removeListener(event: "disconnect", listener: (reason?: unknown) => void): unknown;
}

/** The noble module's default export: the adapter. */
export interface Noble {
  /** The adapter's state. */
  readonly state: NobleState | string;
  /** Starts scanning (noble UUID form; empty: every device), duplicates reported when asked. */
  startScanningAsync(serviceUuids?: string[], allowDuplicates?: boolean): Promise<void>;
  /** Stops scanning. */
  stopScanningAsync(): Promise<void>;
  /** `stateChange`: the adapter's state changed; `discover`: a scan found a peripheral. */
  on(event: "stateChange", listener: (state: string) => void): unknown;
  on(event: "discover", listener: (peripheral: NoblePeripheral) => void): unknown;
  /** Stops a listener. */
  removeListener(event: "stateChange", listener: (state: string) => void): unknown;
  removeListener(event: "discover", listener: (peripheral: NoblePeripheral) => void): unknown;
  /** Releases the adapter (closes the HCI socket or system connection, so the process can exit). */
  stop?(): void;
}

/** The noble module: its default instance and the factory of fresh ones. */
export interface NobleModule {
  /** A new adapter instance on the platform's default bindings (`NOBLE_BINDINGS=dbus|hci` chooses on Linux). */
  withBindings(bindings?: string): Noble;
}
