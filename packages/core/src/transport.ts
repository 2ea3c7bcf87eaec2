import type { BattError } from "./errors.js";
import type { Unsubscribe } from "./listeners.js";

/**
 * How a transport delivers bytes.
 * - `stream`: an ordered byte stream whose chunk boundaries mean nothing (serial, TCP).
 * - `packet`: whole reports of a fixed size, each one delivered as one chunk (USB HID).
 */
export type TransportKind = "stream" | "packet";

/** Serial parity. */
export type Parity = "none" | "even" | "odd" | "mark" | "space";

/** What is known about the link; used for timing (Modbus RTU silence) and for messages. */
export interface TransportInfo {
  /** A short human description, such as `/dev/ttyUSB0 9600 8N1` or `tcp 192.0.2.10:502`. */
  readonly description?: string;
  /** Bits per second, when the link is a serial line. */
  readonly baudRate?: number;
  /** Data bits per character (usually 8). */
  readonly dataBits?: number;
  /** Parity bit setting. */
  readonly parity?: Parity;
  /** Stop bits per character. */
  readonly stopBits?: number;
  /** Report size in bytes for `packet` transports (writes are padded to it). */
  readonly packetSize?: number;
  /** The device's product name (the USB product string), when the link knows it; drivers use it to tell models apart. */
  readonly product?: string;
  /**
   * How a network link frames its bytes: `raw` for a transparent serial gateway (the device's own
   * frames), `modbus-tcp` for a Modbus TCP server (MBAP header, no CRC); Modbus clients take their
   * framing from it.
   */
  readonly framing?: "raw" | "modbus-tcp";
}

/**
 * The seam between protocol code and the outside world. A serial port, a TCP socket, a HID
 * device, WebSerial, WebHID and an in-memory pipe all adapt to this.
 *
 * Contract (checked by `transportContract` in `@batt/core/testing` for every implementation):
 * - `open()` then `write()`; writing while closed rejects with `not-open`.
 * - Received bytes go to every `onData` listener in arrival order; a `packet` transport delivers one report per call.
 * - `onClose` fires once per open session: with no argument after `close()`, with a `disconnected`
 *   {@link BattError} when the link was lost. `close()` on a closed transport resolves.
 */
export interface Transport {
  /** Stream or packet delivery. */
  readonly kind: TransportKind;
  /** Link details (baud rate, report size, description). */
  readonly info: TransportInfo;
  /** Whether the transport is open. */
  readonly isOpen: boolean;
  /** Opens the link. */
  open(): Promise<void>;
  /** Closes the link; resolves when it is closed. */
  close(): Promise<void>;
  /** Sends bytes (for `packet` transports: one report, padded to `info.packetSize`). */
  write(data: Uint8Array): Promise<void>;
  /** Listens for received bytes. */
  onData(listener: (chunk: Uint8Array) => void): Unsubscribe;
  /** Listens for the end of the session (`reason` is set when the link was lost). */
  onClose(listener: (reason?: BattError) => void): Unsubscribe;
}
