import { BattError, type TransportInfo } from "@batt/core";
import { findUsbSerialAdapter, usbIds } from "./usb-serial-adapters.js";
import type { WebSerialParity, WebSerialPortInfo } from "./web-serial-types.js";

/** Line settings of a {@link WebSerialTransport}. WebSerial supports 7 or 8 data bits, 1 or 2 stop bits, and no mark/space parity. */
export interface WebSerialTransportOptions {
  /** Bits per second (default 9600). */
  readonly baudRate?: number;
  /** Data bits per character (default 8). */
  readonly dataBits?: 7 | 8;
  /** Parity (default `"none"`). */
  readonly parity?: WebSerialParity;
  /** Stop bits (default 1). */
  readonly stopBits?: 1 | 2;
  /** Read and write buffer size in bytes (default 4096, so that a long reply fits while the page is busy; the browser's own default is 255). */
  readonly bufferSize?: number;
  /** RTS/CTS flow control (default `"none"`). */
  readonly flowControl?: "none" | "hardware";
}

/** What a {@link WebSerialTransport} reports; `description` reads like `webserial CH340 1a86:7523 9600 8N1`. */
export interface WebSerialTransportInfo extends TransportInfo {
  /** Adapter, USB ids and character format. */
  readonly description: string;
  /** Bits per second. */
  readonly baudRate: number;
  /** Data bits per character. */
  readonly dataBits: 7 | 8;
  /** Parity. */
  readonly parity: WebSerialParity;
  /** Stop bits. */
  readonly stopBits: 1 | 2;
  /** Read and write buffer size, bytes. */
  readonly bufferSize: number;
  /** Flow control. */
  readonly flowControl: "none" | "hardware";
  /** USB vendor id of the adapter, when it is a USB adapter. */
  readonly usbVendorId?: number;
  /** USB product id of the adapter, when it is a USB adapter. */
  readonly usbProductId?: number;
}

const PARITY_LETTER: Record<WebSerialParity, string> = { none: "N", even: "E", odd: "O" };

/**
 * Applies defaults and checks ranges, so a bad setting fails at construction (`invalid-argument`)
 * instead of as a browser TypeError at `open()`.
 */
export function webSerialInfo(options: WebSerialTransportOptions, port: WebSerialPortInfo): WebSerialTransportInfo {
  const { baudRate = 9600, dataBits = 8, parity = "none", stopBits = 1, bufferSize = 4096, flowControl = "none" } = options;
  if (!Number.isInteger(baudRate) || baudRate <= 0) {
    throw new BattError("invalid-argument", `baud rate must be a positive integer, got ${baudRate}`);
  }
  if (dataBits !== 7 && dataBits !== 8) {
    throw new BattError("invalid-argument", `WebSerial supports 7 or 8 data bits, got ${String(dataBits)}`);
  }
  if (!Object.hasOwn(PARITY_LETTER, parity)) {
    throw new BattError("invalid-argument", `WebSerial supports parity none, even or odd, got ${String(parity)}`);
  }
  if (stopBits !== 1 && stopBits !== 2) {
    throw new BattError("invalid-argument", `WebSerial supports 1 or 2 stop bits, got ${String(stopBits)}`);
  }
  if (!Number.isInteger(bufferSize) || bufferSize <= 0 || bufferSize > 16 * 1024 * 1024) {
    throw new BattError("invalid-argument", `buffer size must be an integer from 1 to 16 MiB, got ${bufferSize}`);
  }
  if (flowControl !== "none" && flowControl !== "hardware") {
    throw new BattError("invalid-argument", `flow control must be none or hardware, got ${String(flowControl)}`);
  }
  const { usbVendorId, usbProductId } = port;
  const usb = usbVendorId !== undefined && usbProductId !== undefined;
  const adapter = usb ? findUsbSerialAdapter(port) : undefined;
  const name = usb ? `${adapter ? `${adapter.chip} ` : ""}${usbIds(usbVendorId, usbProductId)}` : "port";
  return {
    description: `webserial ${name} ${baudRate} ${dataBits}${PARITY_LETTER[parity]}${stopBits}`,
    baudRate,
    dataBits,
    parity,
    stopBits,
    bufferSize,
    flowControl,
    ...(usbVendorId !== undefined ? { usbVendorId } : {}),
    ...(usbProductId !== undefined ? { usbProductId } : {}),
  };
}
