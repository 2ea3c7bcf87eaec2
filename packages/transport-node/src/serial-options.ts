import { BattError, type Parity, type TransportInfo } from "@batt/core";

/** Options of a {@link SerialPortTransport}. */
export interface SerialPortTransportOptions {
  /** Device path: `/dev/ttyUSB0`, `/dev/tty.usbserial-1410`, `COM3`. */
  readonly path: string;
  /** Bits per second (default 9600). */
  readonly baudRate?: number;
  /** Data bits per character (default 8). */
  readonly dataBits?: 5 | 6 | 7 | 8;
  /** Parity (default `"none"`). */
  readonly parity?: Parity;
  /** Stop bits (default 1). */
  readonly stopBits?: 1 | 1.5 | 2;
}

/** What a {@link SerialPortTransport} reports about its line; `description` reads like `/dev/ttyUSB0 9600 8N1`. */
export interface SerialPortTransportInfo extends TransportInfo {
  /** A short description: path, baud rate and character format. */
  readonly description: string;
  /** Device path. */
  readonly path: string;
  /** Bits per second. */
  readonly baudRate: number;
  /** Data bits per character. */
  readonly dataBits: 5 | 6 | 7 | 8;
  /** Parity. */
  readonly parity: Parity;
  /** Stop bits. */
  readonly stopBits: 1 | 1.5 | 2;
}

const PARITY_LETTER: Record<Parity, string> = { none: "N", even: "E", odd: "O", mark: "M", space: "S" };

/**
 * Applies defaults and checks ranges, so a bad setting fails at construction (`invalid-argument`)
 * instead of as an obscure error from the operating system at `open()`.
 */
export function serialInfo(options: SerialPortTransportOptions): SerialPortTransportInfo {
  const { path, baudRate = 9600, dataBits = 8, parity = "none", stopBits = 1 } = options;
  if (typeof path !== "string" || path.length === 0) {
    throw new BattError("invalid-argument", "a serial port path is required");
  }
  if (!Number.isInteger(baudRate) || baudRate <= 0) {
    throw new BattError("invalid-argument", `baud rate must be a positive integer, got ${baudRate}`);
  }
  if (![5, 6, 7, 8].includes(dataBits)) {
    throw new BattError("invalid-argument", `data bits must be 5, 6, 7 or 8, got ${dataBits}`);
  }
  if (!(parity in PARITY_LETTER)) {
    throw new BattError("invalid-argument", `parity must be none, even, odd, mark or space, got ${String(parity)}`);
  }
  if (![1, 1.5, 2].includes(stopBits)) {
    throw new BattError("invalid-argument", `stop bits must be 1, 1.5 or 2, got ${stopBits}`);
  }
  const description = `${path} ${baudRate} ${dataBits}${PARITY_LETTER[parity]}${stopBits}`;
  return { description, path, baudRate, dataBits, parity, stopBits };
}
