import { BaseTransport, BattError, type TransportInfo } from "@batt/core";
import { loadHidBackend, type HidBackend, type HidHandle } from "./hid-backend.js";
import { hidDeviceInfo, matchesHidFilter } from "./list-hid-devices.js";

/** Options of a {@link HidTransport}: a `path`, or a vendor and/or product id to find the device by. */
export interface HidTransportOptions {
  /** Device path from {@link listHidDevices} (`/dev/hidraw0` on Linux). Takes precedence over the ids. */
  readonly path?: string;
  /** USB vendor id; the first matching device is opened. */
  readonly vendorId?: number;
  /** USB product id; the first matching device is opened. */
  readonly productId?: number;
  /** Output report id put in front of every report (default 0: the device does not number its reports). */
  readonly reportId?: number;
  /** Output report size in bytes, without the report id; shorter writes are padded (default 64). */
  readonly reportSize?: number;
}

/** What a {@link HidTransport} reports; `packetSize` is the report size. */
export interface HidTransportInfo extends TransportInfo {
  /** `hid <path>` or `hid <vendor>:<product>` in hex. */
  readonly description: string;
  /** Report size in bytes (without the report id). */
  readonly packetSize: number;
  /** Output report id. */
  readonly reportId: number;
  /** Device path: as given, or as found by id once opened. */
  readonly path?: string;
  /** USB vendor id asked for. */
  readonly vendorId?: number;
  /** USB product id asked for. */
  readonly productId?: number;
}

const hex4 = (id: number | undefined): string => (id === undefined ? "*" : id.toString(16).padStart(4, "0"));

function checkByte(name: string, value: number | undefined, min: number, max: number): void {
  if (value !== undefined && (!Number.isInteger(value) || value < min || value > max)) {
    throw new BattError("invalid-argument", `${name} must be an integer from ${min} to ${max}, got ${value}`);
  }
}

/**
 * A USB HID device through node-hid (an optional dependency, loaded when the transport is opened).
 * A `packet` transport: each write is one output report (padded to `reportSize`, report id put in
 * front as node-hid requires); each input report arrives as one chunk, as node-hid returns it
 * (devices with numbered input reports put their id in the first byte).
 *
 * `open()` rejects with `unsupported` when node-hid cannot load, `not-found` when no such device
 * is present, `not-open` when it is present but cannot be opened (permissions, in use). A device
 * unplugged while open ends the session with a `disconnected` error.
 *
 * @example
 * ```ts
 * const hid = new HidTransport({ vendorId: 0x0483, productId: 0x5750 });
 * await hid.open();
 * ```
 */
export class HidTransport extends BaseTransport {
  /** Report size and id, path or ids. */
  declare info: HidTransportInfo;
  private handle: HidHandle | undefined;

  constructor(options: HidTransportOptions) {
    const { path, vendorId, productId, reportId = 0, reportSize = 64 } = options;
    if (path === undefined && vendorId === undefined && productId === undefined) {
      throw new BattError("invalid-argument", "a HID transport needs a path, a vendorId or a productId");
    }
    checkByte("vendorId", vendorId, 0, 0xffff);
    checkByte("productId", productId, 0, 0xffff);
    checkByte("reportId", reportId, 0, 0xff);
    checkByte("reportSize", reportSize, 1, 0xffff);
    const description = path !== undefined ? `hid ${path}` : `hid ${hex4(vendorId)}:${hex4(productId)}`;
    const info: HidTransportInfo = { description, packetSize: reportSize, reportId, path, vendorId, productId };
    super("packet", info);
  }

  protected async doOpen(): Promise<void> {
    const backend = await loadHidBackend();
    const found = await this.findDevice(backend);
    const path = found.path;
    let handle: HidHandle;
    try {
      handle = await backend.open(path);
    } catch (error) {
      throw await openError(backend, path, error);
    }
    handle.on("data", (report) => this.receive(Uint8Array.from(report)));
    handle.on("error", (error) => this.drop(handle, error));
    this.handle = handle;
    this.info = { ...this.info, path, ...(found.product !== undefined ? { product: found.product } : {}) };
  }

  protected async doClose(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    if (!handle) return;
    handle.removeAllListeners("data");
    await handle.close();
  }

  protected async doWrite(data: Uint8Array): Promise<void> {
    const handle = this.handle;
    if (!handle) throw new BattError("not-open", `${this.info.description} is not open`);
    const report = Buffer.alloc(data.length + 1);
    report[0] = this.info.reportId;
    report.set(data, 1);
    try {
      await handle.write(report);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new BattError("disconnected", `write to ${this.info.description} failed: ${reason}`, { cause: error });
    }
  }

  /** The device to open: by path when one was given, else the first matching the ids; with its product string when listed. */
  private async findDevice(backend: HidBackend): Promise<{ path: string; product?: string }> {
    const { vendorId, productId, path } = this.info;
    const all = (await backend.devices()).map(hidDeviceInfo);
    if (path !== undefined) {
      const product = all.find((d) => d.path === path)?.product;
      return product !== undefined ? { path, product } : { path };
    }
    const match = all.find((d) => d.path !== undefined && matchesHidFilter(d, { vendorId, productId }));
    if (!match?.path) {
      throw new BattError(
        "not-found",
        `no HID device with vendor id ${hex4(vendorId)} and product id ${hex4(productId)} (${all.length} HID device(s) present)`,
      );
    }
    return match.product !== undefined ? { path: match.path, product: match.product } : { path: match.path };
  }

  /** Ends the session after the device failed on its own (unplugged). */
  private drop(handle: HidHandle, cause: Error): void {
    if (this.handle !== handle) return;
    this.handle = undefined;
    handle.removeAllListeners();
    handle.on("error", () => undefined);
    handle.close().catch(() => undefined);
    this.lost(cause);
  }
}

/** `not-found` when the device is not listed (any more), `not-open` when it is there but would not open. */
async function openError(backend: HidBackend, path: string, error: unknown): Promise<BattError> {
  const reason = error instanceof Error ? error.message : String(error);
  const listed = await backend.devices().then(
    (devices) => devices.some((d) => d.path === path),
    () => !/no such file|not found/i.test(reason),
  );
  if (!listed) return new BattError("not-found", `HID device ${path} not found (${reason})`, { cause: error });
  const hint = /permission|access denied/i.test(reason) && process.platform === "linux" ? "; a udev rule granting access to the hidraw device is needed" : "";
  return new BattError("not-open", `cannot open HID device ${path}: ${reason}${hint}`, { cause: error });
}
