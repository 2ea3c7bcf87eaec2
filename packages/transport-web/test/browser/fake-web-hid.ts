// A test double of `navigator.hid` that behaves like Chromium's: devices that must be opened before
// sendReport, open() refused on an open device, input reports as `inputreport` events with the report id
// apart from the data, and `disconnect` on `navigator.hid` when unplugged. The far end of each device is a
// packet Transport (`device.peer`) for a simulator or the contract suite.
import { BaseTransport } from "@batt/core";
import type { WebHid, WebHidDevice, WebHidRequestOptions } from "../../src/index.js";

/** One output report as the device received it. */
export interface SentReport {
  readonly reportId: number;
  readonly data: Uint8Array;
}

/** The device side: output reports from the host arrive here (without id); what it writes becomes an input report. */
export class FakeHidPeer extends BaseTransport {
  /** Report id put on the input reports it sends (0: unnumbered). */
  inputReportId = 0;
  constructor(private readonly device: FakeHidDevice) {
    super("packet", { description: "fake hid device", packetSize: 64 });
  }
  protected async doOpen(): Promise<void> {}
  protected async doClose(): Promise<void> {}
  protected async doWrite(data: Uint8Array): Promise<void> {
    this.device.toHost(this.inputReportId, data.slice());
  }
  /** An output report from the host. */
  fromHost(data: Uint8Array): void {
    this.receive(data);
  }
}

class FakeInputReportEvent extends Event {
  constructor(
    readonly device: WebHidDevice,
    readonly reportId: number,
    readonly data: DataView,
  ) {
    super("inputreport");
  }
}

class FakeConnectionEvent extends Event {
  constructor(
    type: string,
    readonly device: WebHidDevice,
  ) {
    super(type);
  }
}

/** A Chromium-like `HIDDevice`. */
export class FakeHidDevice extends EventTarget implements WebHidDevice {
  opened = false;
  unplugged = false;
  /** The far end. */
  readonly peer = new FakeHidPeer(this);
  /** Every output report sent. */
  readonly sent: SentReport[] = [];
  opens = 0;
  closes = 0;

  constructor(
    readonly vendorId: number,
    readonly productId: number,
    readonly productName: string,
    private readonly hid: FakeHid,
  ) {
    super();
  }

  async open(): Promise<void> {
    if (this.unplugged) throw new DOMException("Failed to open the device.", "NotAllowedError");
    if (this.opened) throw new DOMException("The device is already open.", "InvalidStateError");
    this.opened = true;
    this.opens++;
  }

  async close(): Promise<void> {
    this.opened = false;
    this.closes++;
  }

  async sendReport(reportId: number, data: BufferSource): Promise<void> {
    if (!this.opened) throw new DOMException("The device must be opened first.", "InvalidStateError");
    const bytes = data instanceof ArrayBuffer ? new Uint8Array(data.slice(0)) : new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
    this.sent.push({ reportId, data: bytes });
    setTimeout(() => this.peer.fromHost(bytes), 0);
  }

  /** An input report; dropped unless the device is open (as the browser does). */
  toHost(reportId: number, data: Uint8Array): void {
    setTimeout(() => {
      if (!this.opened) return;
      this.dispatchEvent(new FakeInputReportEvent(this, reportId, new DataView(data.buffer, data.byteOffset, data.byteLength)));
    }, 0);
  }

  unplug(): void {
    this.unplugged = true;
    this.opened = false;
    this.hid.announce("disconnect", this);
  }
}

/** A Chromium-like `navigator.hid`. */
export class FakeHid extends EventTarget implements WebHid {
  readonly devices: FakeHidDevice[] = [];
  readonly granted = new Set<FakeHidDevice>();
  readonly requests: WebHidRequestOptions[] = [];
  /** Whether the person picks a device (the first that matches) or closes the picker. */
  choose = true;

  plug(vendorId: number, productId: number, productName: string): FakeHidDevice {
    const device = new FakeHidDevice(vendorId, productId, productName, this);
    this.devices.push(device);
    return device;
  }

  async requestDevice(options: WebHidRequestOptions): Promise<FakeHidDevice[]> {
    if (!Array.isArray(options?.filters)) throw new TypeError("Failed to execute 'requestDevice' on 'HID': required member filters is undefined.");
    this.requests.push(structuredClone(options));
    const match = this.devices.find(
      (d) =>
        !d.unplugged &&
        options.filters.some((f) => (f.vendorId === undefined || f.vendorId === d.vendorId) && (f.productId === undefined || f.productId === d.productId)),
    );
    // The real picker resolves with an empty list when it is closed without a choice.
    if (!this.choose || !match) return [];
    this.granted.add(match);
    return [match];
  }

  async getDevices(): Promise<FakeHidDevice[]> {
    return [...this.granted].filter((d) => !d.unplugged);
  }

  announce(type: "connect" | "disconnect", device: FakeHidDevice): void {
    this.dispatchEvent(new FakeConnectionEvent(type, device));
  }
}
