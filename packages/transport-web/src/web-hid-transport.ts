import { BaseTransport, BattError, type TransportInfo } from "@batt/core";
import { errorName, errorText } from "./dom-error.js";
import { optionalWebHid } from "./feature-detection.js";
import { usbIds } from "./usb-serial-adapters.js";
import type { WebHidConnectionEvent, WebHidDevice, WebHidInputReportEvent } from "./web-hid-types.js";

/** Options of a {@link WebHidTransport}. */
export interface WebHidTransportOptions {
  /** Output report id passed to `sendReport` (default 0: the device does not number its reports). */
  readonly reportId?: number;
  /** Output report size in bytes, without the report id; shorter writes are padded (default 64). */
  readonly reportSize?: number;
}

/** What a {@link WebHidTransport} reports; `packetSize` is the report size. */
export interface WebHidTransportInfo extends TransportInfo {
  /** `webhid vvvv:pppp <product name>`. */
  readonly description: string;
  /** Report size in bytes (without the report id). */
  readonly packetSize: number;
  /** Output report id. */
  readonly reportId: number;
  /** USB vendor id. */
  readonly vendorId: number;
  /** USB product id. */
  readonly productId: number;
  /** USB product string. */
  readonly productName: string;
}

function checkInteger(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new BattError("invalid-argument", `${name} must be an integer from ${min} to ${max}, got ${value}`);
  }
}

/**
 * A USB HID device in the browser through WebHID (`navigator.hid`). Get the device with
 * `requestHidDevice()` / `requestIChargerDevice()` (a picker, from a click) or `grantedHidDevices()`.
 *
 * A `packet` transport, byte for byte like the Node `HidTransport`: each write is one output report
 * (padded to `reportSize`, sent with `sendReport(reportId, report)`); each input report arrives as one
 * chunk. WebHID hands over the report id separately; for devices with numbered input reports (id ≠ 0)
 * it is put back in front of the report, as node-hid delivers it, so drivers see the same bytes on both.
 *
 * `open()` rejects with `not-open` when the device cannot be opened (claimed by the operating system
 * or another program). A device unplugged while open (`navigator.hid` `disconnect` for this device)
 * ends the session with a `disconnected` error.
 *
 * WebHID exists in Chromium-based desktop browsers only (see `BROWSER_SUPPORT`).
 *
 * @example
 * ```ts
 * const transport = new WebHidTransport(await requestIChargerDevice());
 * await transport.open();
 * ```
 */
export class WebHidTransport extends BaseTransport {
  /** Report size and id, USB ids and product name. */
  declare info: WebHidTransportInfo;
  /** The WebHID device. */
  readonly device: WebHidDevice;
  private unlisten: (() => void) | undefined;
  /** Closing of the device after a loss, awaited before it is opened again. */
  private releasing: Promise<void> = Promise.resolve();

  constructor(device: WebHidDevice, options: WebHidTransportOptions = {}) {
    if (typeof device?.sendReport !== "function") throw new BattError("invalid-argument", "a WebHidTransport needs a HIDDevice");
    const { reportId = 0, reportSize = 64 } = options;
    checkInteger("reportId", reportId, 0, 0xff);
    checkInteger("reportSize", reportSize, 1, 0xffff);
    const { vendorId, productId, productName } = device;
    const description = `webhid ${usbIds(vendorId, productId)}${productName ? ` ${productName}` : ""}`;
    const info: WebHidTransportInfo = { description, packetSize: reportSize, reportId, vendorId, productId, productName, ...(productName ? { product: productName } : {}) };
    super("packet", info);
    this.device = device;
  }

  protected async doOpen(): Promise<void> {
    const device = this.device;
    await this.releasing;
    try {
      // A device opened before (by this page) is reused; open() would reject on it.
      if (!device.opened) await device.open();
    } catch (error) {
      const hint = errorName(error) === "NotAllowedError" ? " (access denied: the operating system or another program holds it)" : "";
      throw new BattError("not-open", `cannot open ${this.info.description}: ${errorText(error)}${hint}`, { cause: error });
    }
    const onReport = (event: Event): void => {
      const { reportId, data } = event as WebHidInputReportEvent;
      const body = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
      if (reportId === 0) {
        this.receive(body.slice());
        return;
      }
      const report = new Uint8Array(body.length + 1);
      report[0] = reportId;
      report.set(body, 1);
      this.receive(report);
    };
    const hid = optionalWebHid();
    const onDisconnect = (event: Event): void => {
      if ((event as WebHidConnectionEvent).device === device) this.drop(new Error("the HID device was disconnected"));
    };
    device.addEventListener("inputreport", onReport);
    hid?.addEventListener("disconnect", onDisconnect);
    this.unlisten = () => {
      device.removeEventListener("inputreport", onReport);
      hid?.removeEventListener("disconnect", onDisconnect);
    };
  }

  protected async doClose(): Promise<void> {
    this.unlisten?.();
    this.unlisten = undefined;
    if (this.device.opened) await this.device.close();
  }

  protected async doWrite(data: Uint8Array): Promise<void> {
    if (!this.unlisten) throw new BattError("not-open", `${this.info.description} is not open`);
    try {
      // A copy: sendReport takes an ArrayBuffer-backed view, and the caller may reuse its buffer.
      await this.device.sendReport(this.info.reportId, new Uint8Array(data));
    } catch (error) {
      throw new BattError("disconnected", `write to ${this.info.description} failed: ${errorText(error)}`, { cause: error });
    }
  }

  /** Ends the session after the device went away. */
  private drop(cause: Error): void {
    if (!this.unlisten) return;
    this.unlisten();
    this.unlisten = undefined;
    if (this.device.opened) this.releasing = this.device.close().catch(() => undefined);
    this.lost(cause);
  }
}
