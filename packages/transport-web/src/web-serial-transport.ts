import { BaseTransport, BattError } from "@batt/core";
import { errorName, errorText } from "./dom-error.js";
import { optionalWebSerial } from "./feature-detection.js";
import { webSerialInfo, type WebSerialTransportInfo, type WebSerialTransportOptions } from "./web-serial-options.js";
import type { WebSerialPort } from "./web-serial-types.js";

/** Read errors after which the port offers a new stream: the bytes involved are lost, the line is still up. */
const LINE_ERRORS = new Set(["BufferOverrunError", "BreakError", "FramingError", "ParityError"]);

/** One open period of the port: its writer, the reader in use and the read loop. */
interface Session {
  readonly writer: WritableStreamDefaultWriter<Uint8Array>;
  reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  /** Set by close() or after a loss: the read loop stops instead of reporting. */
  closing: boolean;
  /** Settles when the read loop has ended and released its reader. */
  pump: Promise<void>;
  /** Removes the disconnect listeners. */
  unlisten: () => void;
}

/**
 * A serial port in the browser through WebSerial (`navigator.serial`), for USB-RS485/TTL adapters.
 * Get the port with `requestSerialPort()` (a picker, from a click) or `grantedSerialPorts()`.
 *
 * - `open()` opens the port with the line settings and starts a read loop over `port.readable`; the
 *   writer of `port.writable` is held while open. `open()` rejects with `not-open` when the port is
 *   open elsewhere (another tab or program) or cannot be opened.
 * - `close()` cancels the reader, releases both stream locks, then closes the port.
 * - An unplugged adapter (the port's or `navigator.serial`'s `disconnect` event, or a fatal read error)
 *   ends the session: `onClose` listeners get a `disconnected` {@link BattError}.
 * - Line errors (parity, framing, break, buffer overrun) lose the bytes involved but not the session;
 *   they are counted in {@link WebSerialTransport.lineErrors}.
 *
 * WebSerial exists in Chromium-based desktop browsers only (see `BROWSER_SUPPORT`).
 *
 * @example
 * ```ts
 * const transport = new WebSerialTransport(await requestSerialPort(), { baudRate: 9600 });
 * await transport.open();
 * const bms = new JbdBms(transport);
 * ```
 */
export class WebSerialTransport extends BaseTransport {
  /** Line settings and adapter ids. */
  declare info: WebSerialTransportInfo;
  /** The WebSerial port. */
  readonly port: WebSerialPort;
  private session: Session | undefined;
  /** Cleanup after a loss, awaited before the port is opened again. */
  private releasing: Promise<void> = Promise.resolve();
  private lineErrorCount = 0;

  constructor(port: WebSerialPort, options: WebSerialTransportOptions = {}) {
    if (typeof port?.open !== "function") throw new BattError("invalid-argument", "a WebSerialTransport needs a SerialPort");
    super("stream", webSerialInfo(options, port.getInfo()));
    this.port = port;
  }

  /** Line errors (parity, framing, break, buffer overrun) seen since construction; each lost some bytes. */
  get lineErrors(): number {
    return this.lineErrorCount;
  }

  protected async doOpen(): Promise<void> {
    await this.releasing;
    const port = this.port;
    const { baudRate, dataBits, parity, stopBits, bufferSize, flowControl } = this.info;
    try {
      await port.open({ baudRate, dataBits, parity, stopBits, bufferSize, flowControl });
    } catch (error) {
      const hint = errorName(error) === "InvalidStateError" ? " (already open in this page)" : errorName(error) === "NetworkError" ? " (in use by another tab or program, or unplugged)" : "";
      throw new BattError("not-open", `cannot open ${this.info.description}: ${errorText(error)}${hint}`, { cause: error });
    }
    const writable = port.writable;
    if (!port.readable || !writable) {
      await port.close().catch(() => undefined);
      throw new BattError("not-open", `cannot open ${this.info.description}: the port has no streams`);
    }
    const session: Session = { writer: writable.getWriter(), reader: undefined, closing: false, pump: Promise.resolve(), unlisten: () => undefined };
    session.unlisten = this.listenForDisconnect(session);
    session.pump = this.pump(session);
    this.session = session;
  }

  protected async doClose(): Promise<void> {
    const session = this.session;
    this.session = undefined;
    if (!session) return;
    await this.release(session);
  }

  protected async doWrite(data: Uint8Array): Promise<void> {
    const session = this.session;
    if (!session) throw new BattError("not-open", `${this.info.description} is not open`);
    try {
      await session.writer.write(data);
    } catch (error) {
      throw new BattError("disconnected", `write to ${this.info.description} failed: ${errorText(error)}`, { cause: error });
    }
  }

  /** Reads until closed or lost; a line error only replaces the stream. */
  private async pump(session: Session): Promise<void> {
    let failure: unknown = new Error("the port stopped delivering data");
    while (!session.closing) {
      const readable = this.port.readable;
      if (!readable) break;
      const reader = readable.getReader();
      session.reader = reader;
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          if (value) this.receive(value);
        }
        break; // the stream ended without close(): the port went away
      } catch (error) {
        if (session.closing) break;
        if (LINE_ERRORS.has(errorName(error) ?? "") && this.port.readable !== null) {
          this.lineErrorCount++;
          continue;
        }
        failure = error;
        break;
      } finally {
        session.reader = undefined;
        reader.releaseLock();
      }
    }
    if (!session.closing) this.drop(session, failure);
  }

  /** Listens for the adapter being unplugged, on the port and on `navigator.serial`. */
  private listenForDisconnect(session: Session): () => void {
    const port = this.port;
    const serial = optionalWebSerial();
    const onPort = (): void => this.drop(session, new Error("the serial device was disconnected"));
    const onSerial = (event: Event): void => {
      if (event.target === port) onPort();
    };
    port.addEventListener("disconnect", onPort);
    serial?.addEventListener("disconnect", onSerial);
    return () => {
      port.removeEventListener("disconnect", onPort);
      serial?.removeEventListener("disconnect", onSerial);
    };
  }

  /** Ends the session after the port failed on its own; the port is released in the background. */
  private drop(session: Session, cause: unknown): void {
    if (this.session !== session) return;
    this.session = undefined;
    this.releasing = this.release(session).catch(() => undefined);
    this.lost(cause);
  }

  /** Stops the read loop, releases the stream locks (a locked port cannot close), then closes the port. */
  private async release(session: Session): Promise<void> {
    session.closing = true;
    session.unlisten();
    await session.reader?.cancel().catch(() => undefined);
    await session.pump;
    session.writer.releaseLock();
    try {
      await this.port.close();
    } catch (error) {
      // Closed already (the device went away); anything else is worth reporting.
      if (errorName(error) !== "InvalidStateError" && errorName(error) !== "NetworkError") {
        throw new BattError("disconnected", `closing ${this.info.description} failed: ${errorText(error)}`, { cause: error });
      }
    }
  }
}
