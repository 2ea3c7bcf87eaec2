import { BattError } from "@batt/core";

/** A HID device as node-hid lists it. */
export interface HidDeviceRecord {
  /** USB vendor id. */
  readonly vendorId: number;
  /** USB product id. */
  readonly productId: number;
  /** Platform path to open the device with. */
  readonly path?: string | undefined;
  /** Serial number string. */
  readonly serialNumber?: string | undefined;
  /** Manufacturer string. */
  readonly manufacturer?: string | undefined;
  /** Product string. */
  readonly product?: string | undefined;
  /** Device release number. */
  readonly release?: number | undefined;
  /** USB interface number. */
  readonly interface?: number | undefined;
  /** HID usage page. */
  readonly usagePage?: number | undefined;
  /** HID usage. */
  readonly usage?: number | undefined;
}

/** An open HID device, reduced to what the transport uses. */
export interface HidHandle {
  /** Sends one output report; the first byte is the report id. Resolves with the bytes written. */
  write(report: Buffer): Promise<number>;
  /** Closes the device. */
  close(): Promise<void>;
  /** `data`: one input report per event; `error`: the device failed (unplugged). */
  on(event: "data", listener: (report: Buffer) => void): unknown;
  on(event: "error", listener: (error: Error) => void): unknown;
  /** Stops event delivery. */
  removeAllListeners(event?: string): unknown;
}

/** The parts of node-hid the package needs, whichever API generation is installed. */
export interface HidBackend {
  /** Lists HID devices. */
  devices(): Promise<HidDeviceRecord[]>;
  /** Opens a device by path. */
  open(path: string): Promise<HidHandle>;
}

// The shape of node-hid's module, declared here so the public types never depend on the optional package.
interface SyncDevice {
  write(values: number[] | Buffer): number;
  close(): void;
  on(event: string, listener: (value: never) => void): unknown;
  removeAllListeners(event?: string): unknown;
}
interface NodeHidModule {
  HIDAsync?: { open(path: string): Promise<HidHandle> };
  HID?: new (path: string) => SyncDevice;
  devicesAsync?: () => Promise<HidDeviceRecord[]>;
  devices?: () => HidDeviceRecord[];
  getHidapiVersion?: () => string;
  default?: NodeHidModule;
}

// Reads an export only when present (strict module proxies throw on missing names).
function field<K extends keyof NodeHidModule>(module: NodeHidModule, key: K): NodeHidModule[K] {
  return key in module ? module[key] : undefined;
}

function fromModule(module: NodeHidModule): HidBackend {
  const named = "HIDAsync" in module || "HID" in module;
  const api = named ? module : (field(module, "default") ?? module);
  const HIDAsync = field(api, "HIDAsync");
  const HID = field(api, "HID");
  const devicesAsync = field(api, "devicesAsync");
  const devices = field(api, "devices");
  // node-hid loads its native library lazily; touching it now makes a missing libusb/hidraw show up here.
  field(api, "getHidapiVersion")?.();
  const list = devicesAsync ?? (devices ? async () => devices() : undefined);
  if (!list || (!HIDAsync && !HID)) throw new Error("the installed node-hid does not export devices() and HID");
  const open = HIDAsync
    ? (path: string) => HIDAsync.open(path)
    : async (path: string): Promise<HidHandle> => {
        const device = new HID!(path);
        return {
          write: async (report) => device.write(report),
          close: async () => device.close(),
          on: (event: string, listener: (value: never) => void) => device.on(event, listener),
          removeAllListeners: (event?: string) => device.removeAllListeners(event),
        };
      };
  return { devices: list, open };
}

let loaded: Promise<HidBackend> | undefined;

/**
 * Loads node-hid on first use. Rejects with an `unsupported` {@link BattError} that says why when
 * the package is missing or its native library cannot load, so only programs that ask for HID need it.
 */
export function loadHidBackend(): Promise<HidBackend> {
  loaded ??= import("node-hid")
    .then((module) => fromModule(module as unknown as NodeHidModule))
    .catch((error: unknown) => {
      loaded = undefined; // a later call tries again (the library may have been installed meanwhile)
      const reason = error instanceof Error ? error.message : String(error);
      throw new BattError(
        "unsupported",
        `USB HID is not available: node-hid could not load (${reason}). Install node-hid and the system's hidraw/libusb support, or use a serial or TCP transport.`,
        { cause: error },
      );
    });
  return loaded;
}
