import { BaseTransport, BattError } from "@batt/core";
import { SerialPort } from "serialport";
import { watchDeviceNode } from "./device-node-watch.js";
import { serialOpenError } from "./serial-open-error.js";
import { serialInfo, type SerialPortTransportInfo, type SerialPortTransportOptions } from "./serial-options.js";

/**
 * A serial port (USB-UART adapter, RS-485 dongle, on-board UART) through the `serialport` package.
 *
 * - `open()` rejects with `not-found` when the path does not exist and `not-open` otherwise; the message names the path.
 * - `write()` resolves once the bytes have left the driver (after `drain`), so a following
 *   deadline measures the device, not the operating system's buffer.
 * - An unplugged adapter ends the session: `onClose` listeners get a `disconnected` {@link BattError}.
 *   It is noticed when serialport reports the disconnect or, on Linux, when the device node
 *   disappears from /dev (serialport misses a hang-up that happens while no read is waiting).
 *
 * @example
 * ```ts
 * const port = new SerialPortTransport({ path: "/dev/ttyUSB0", baudRate: 9600 });
 * await port.open();
 * ```
 */
export class SerialPortTransport extends BaseTransport {
  /** Path, baud rate and character format. */
  declare info: SerialPortTransportInfo;
  private port: SerialPort | undefined;
  private unwatch: (() => void) | undefined;

  constructor(options: SerialPortTransportOptions) {
    super("stream", serialInfo(options));
  }

  protected async doOpen(): Promise<void> {
    const { path, baudRate, dataBits, parity, stopBits } = this.info;
    const port = new SerialPort({ path, baudRate, dataBits, parity, stopBits, autoOpen: false });
    await new Promise<void>((resolve, reject) => {
      port.open((error) => (error ? reject(serialOpenError(path, error)) : resolve()));
    });
    port.on("data", (chunk: Buffer) => this.receive(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength)));
    // serialport closes the port itself and passes an error with `disconnected` when the device goes away.
    port.on("close", (error?: Error & { disconnected?: boolean }) => {
      if (error?.disconnected) this.drop(port, error);
    });
    port.on("error", (error: Error) => this.drop(port, error));
    this.port = port;
    this.unwatch = watchDeviceNode(path, () => this.drop(port, new Error(`${path} disappeared`)));
  }

  protected async doClose(): Promise<void> {
    const port = this.port;
    this.port = undefined;
    this.unwatch?.();
    this.unwatch = undefined;
    if (!port?.isOpen) return;
    port.removeAllListeners("data");
    await new Promise<void>((resolve, reject) => port.close((error) => (error ? reject(error) : resolve())));
  }

  protected async doWrite(data: Uint8Array): Promise<void> {
    const port = this.port;
    if (!port) throw new BattError("not-open", `${this.info.description} is not open`);
    await new Promise<void>((resolve, reject) => {
      const fail = (error: Error): void =>
        reject(new BattError("disconnected", `write to ${this.info.path} failed: ${error.message}`, { cause: error }));
      port.write(Buffer.from(data), (error) => {
        if (error) fail(error);
      });
      port.drain((error) => (error ? fail(error) : resolve()));
    });
  }

  /** Ends the session after the port failed on its own; releases the handle if it is still open. */
  private drop(port: SerialPort, cause: Error): void {
    if (this.port !== port) return;
    this.port = undefined;
    this.unwatch?.();
    this.unwatch = undefined;
    port.removeAllListeners("data");
    port.on("error", () => undefined); // a late error must not become an uncaught exception
    if (port.isOpen) port.close(() => undefined);
    this.lost(cause);
  }
}
