/** A serial port found by {@link listSerialPorts}. Fields other than `path` are present when the system reports them. */
export interface SerialPortInfo {
  /** What to pass as `path` to a `SerialPortTransport`. */
  readonly path: string;
  /** USB vendor id (for USB adapters). */
  readonly vendorId?: number;
  /** USB product id (for USB adapters). */
  readonly productId?: number;
  /** Manufacturer string. */
  readonly manufacturer?: string;
  /** Product string (USB product name, or the Windows friendly name). */
  readonly product?: string;
  /** Serial number string. */
  readonly serialNumber?: string;
  /** Plug-and-play id (Linux by-id name, Windows PnP id). */
  readonly pnpId?: string;
  /** Physical location (USB port path), where known. */
  readonly locationId?: string;
}

/** Result of {@link listSerialPorts}. */
export interface SerialPortList {
  /** The ports found (possibly none). */
  readonly ports: SerialPortInfo[];
  /** Set when the list may be incomplete, saying why. */
  readonly warning?: string;
}

/** A USB HID device found by {@link listHidDevices}. */
export interface HidDeviceInfo {
  /** What to pass as `path` to a `HidTransport` (absent only when the platform gives none). */
  readonly path?: string;
  /** USB vendor id. */
  readonly vendorId: number;
  /** USB product id. */
  readonly productId: number;
  /** Manufacturer string. */
  readonly manufacturer?: string;
  /** Product string. */
  readonly product?: string;
  /** Serial number string. */
  readonly serialNumber?: string;
  /** Device release number (bcdDevice). */
  readonly release?: number;
  /** USB interface number. */
  readonly interface?: number;
  /** HID usage page of the top-level collection. */
  readonly usagePage?: number;
  /** HID usage of the top-level collection. */
  readonly usage?: number;
}

/** Result of {@link listHidDevices}. */
export interface HidDeviceList {
  /** The devices found (possibly none). */
  readonly devices: HidDeviceInfo[];
  /** Set when HID is unavailable or the list may be incomplete, saying why. */
  readonly warning?: string;
}

/** Copies the defined fields of `value`, so that listings print without `undefined` noise. */
export function definedFields<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== "")) as T;
}
