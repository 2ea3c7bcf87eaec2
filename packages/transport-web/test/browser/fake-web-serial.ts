// A test double of `navigator.serial` that behaves like Chromium's: ports with streams that exist only
// while open, close() refused while a stream is locked, line errors that replace the readable, and
// unplugging that errors the streams with a NetworkError and fires `disconnect`. The far end of each
// port is a Transport (`port.device`) for a simulator or the contract suite.
import { BaseTransport } from "@batt/core";
import type {
  WebSerial,
  WebSerialOpenOptions,
  WebSerialPort,
  WebSerialPortInfo,
  WebSerialRequestOptions,
} from "../../src/index.js";

/** The device side of a fake port: what the host writes arrives here; what it writes goes to the host. */
export class FakeSerialDevice extends BaseTransport {
  constructor(private readonly port: FakeSerialPort) {
    super("stream", { description: "fake serial device" });
  }
  protected async doOpen(): Promise<void> {}
  protected async doClose(): Promise<void> {}
  protected async doWrite(data: Uint8Array): Promise<void> {
    this.port.toHost(data.slice());
  }
  /** Bytes from the host. */
  fromHost(chunk: Uint8Array): void {
    this.receive(chunk);
  }
}

/** A Chromium-like `SerialPort`. */
export class FakeSerialPort extends EventTarget implements WebSerialPort {
  readable: ReadableStream<Uint8Array> | null = null;
  writable: WritableStream<Uint8Array> | null = null;
  /** The far end. */
  readonly device = new FakeSerialDevice(this);
  /** Settings of every open() call. */
  readonly opens: WebSerialOpenOptions[] = [];
  /** close() calls that succeeded. */
  closes = 0;
  /** Largest chunk the readable delivers at once (a USB packet of a full-speed adapter). */
  chunkSize = 32;
  unplugged = false;
  private isOpen = false;
  private readController: ReadableStreamDefaultController<Uint8Array> | undefined;
  private writeController: WritableStreamDefaultController | undefined;

  constructor(
    private readonly info: WebSerialPortInfo,
    private readonly serial: FakeSerial,
  ) {
    super();
  }

  getInfo(): WebSerialPortInfo {
    return { ...this.info };
  }

  async open(options: WebSerialOpenOptions): Promise<void> {
    if (!Number.isInteger(options.baudRate) || options.baudRate <= 0) throw new TypeError("Requested baud rate must be greater than zero.");
    if (options.dataBits !== undefined && options.dataBits !== 7 && options.dataBits !== 8) throw new TypeError("Requested number of data bits must be 7 or 8.");
    if (options.stopBits !== undefined && options.stopBits !== 1 && options.stopBits !== 2) throw new TypeError("Requested number of stop bits must be 1 or 2.");
    if (this.isOpen) throw new DOMException("The port is already open.", "InvalidStateError");
    if (this.unplugged) throw new DOMException("Failed to open serial port.", "NetworkError");
    this.opens.push({ ...options });
    this.isOpen = true;
    this.newReadable();
    this.writable = new WritableStream<Uint8Array>({
      start: (controller) => {
        this.writeController = controller;
      },
      write: async (chunk) => {
        if (this.unplugged) throw new DOMException("The device has been lost.", "NetworkError");
        const copy = Uint8Array.from(chunk);
        // Delivered later, as real I/O is.
        setTimeout(() => this.device.fromHost(copy), 0);
      },
    });
  }

  async close(): Promise<void> {
    if (!this.isOpen) throw new DOMException("The port is already closed.", "InvalidStateError");
    if (this.readable?.locked) throw new TypeError("Failed to execute 'close' on 'SerialPort': Cannot cancel a locked stream");
    if (this.writable?.locked) throw new TypeError("Failed to execute 'close' on 'SerialPort': Cannot close a locked stream");
    await this.readable?.cancel();
    await this.writable?.close().catch(() => undefined);
    this.readable = null;
    this.writable = null;
    this.readController = undefined;
    this.isOpen = false;
    this.closes++;
  }

  /** Bytes from the device, cut into chunks of at most `chunkSize`. Lost while the port is closed. */
  toHost(data: Uint8Array): void {
    setTimeout(() => {
      const controller = this.readController;
      if (!controller) return;
      for (let at = 0; at < data.length; at += this.chunkSize) controller.enqueue(data.slice(at, at + this.chunkSize));
    }, 0);
  }

  /** A line error (`ParityError`, `FramingError`, `BreakError`, `BufferOverrunError`): the readable errors and a new one replaces it. */
  lineError(name: string): void {
    const controller = this.readController;
    if (!controller) return;
    controller.error(new DOMException(`A ${name} was detected.`, name));
    this.newReadable();
  }

  /** A fatal read error without a disconnect event (e.g. the driver failed). */
  readFailure(): void {
    this.readController?.error(new DOMException("The device has been lost.", "NetworkError"));
    this.readController = undefined;
    this.readable = null;
  }

  /** Pulls the adapter out: the streams fail and `disconnect` fires on the port and on `navigator.serial`. */
  unplug(): void {
    this.unplugged = true;
    const lost = new DOMException("The device has been lost.", "NetworkError");
    this.readController?.error(lost);
    this.writeController?.error(lost);
    this.readController = undefined;
    this.readable = null;
    this.writable = null;
    this.dispatchEvent(new Event("disconnect"));
    this.serial.announce("disconnect", this);
  }

  private newReadable(): void {
    this.readable = new ReadableStream<Uint8Array>({
      start: (controller) => {
        this.readController = controller;
      },
      cancel: () => {
        this.readController = undefined;
      },
    });
  }
}

/** A Chromium-like `navigator.serial`. */
export class FakeSerial extends EventTarget implements WebSerial {
  /** Ports plugged in. */
  readonly ports: FakeSerialPort[] = [];
  /** Ports granted to the page. */
  readonly granted = new Set<FakeSerialPort>();
  /** Options of every requestPort() call. */
  readonly requests: (WebSerialRequestOptions | undefined)[] = [];
  /** Whether the person picks a port (the first that matches) or closes the picker. */
  choose = true;

  plug(info: WebSerialPortInfo): FakeSerialPort {
    const port = new FakeSerialPort(info, this);
    this.ports.push(port);
    return port;
  }

  async requestPort(options?: WebSerialRequestOptions): Promise<FakeSerialPort> {
    this.requests.push(options === undefined ? undefined : structuredClone(options));
    const filters = options?.filters ?? [];
    const match = this.ports.find(
      (p) =>
        !p.unplugged &&
        (filters.length === 0 ||
          filters.some((f) => (f.usbVendorId === undefined || f.usbVendorId === p.getInfo().usbVendorId) && (f.usbProductId === undefined || f.usbProductId === p.getInfo().usbProductId))),
    );
    if (!this.choose || !match) throw new DOMException("No port selected by the user.", "NotFoundError");
    this.granted.add(match);
    return match;
  }

  async getPorts(): Promise<FakeSerialPort[]> {
    return [...this.granted].filter((p) => !p.unplugged);
  }

  /** Fires a connection event whose target is the port, as the bubbling event of the real API arrives here. */
  announce(type: "connect" | "disconnect", port: FakeSerialPort): void {
    const event = new Event(type);
    Object.defineProperty(event, "target", { value: port });
    this.dispatchEvent(event);
  }
}
