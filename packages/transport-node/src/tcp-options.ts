import { BattError, type TransportInfo } from "@batt/core";

/**
 * What the bytes on a TCP connection are.
 * - `raw`: the serial protocol's own frames, as an RS-485/RS-232-to-Ethernet gateway in
 *   transparent mode passes them (Modbus RTU with its CRC, JBD frames, ...).
 * - `modbus-tcp`: Modbus TCP (MBAP header, no CRC), as spoken by a Modbus TCP server or a
 *   gateway in Modbus TCP mode.
 */
export type TcpFraming = "raw" | "modbus-tcp";

/** Options of a {@link TcpTransport}. */
export interface TcpTransportOptions {
  /** Host name or address of the gateway or server. */
  readonly host: string;
  /** TCP port (gateways often use 4001 or 8899 for raw frames; Modbus TCP uses 502). */
  readonly port: number;
  /** How long to wait for the connection, in ms (default 3000). */
  readonly connectTimeoutMs?: number;
  /** Disable Nagle's algorithm so short requests go out at once (default true). */
  readonly noDelay?: boolean;
  /**
   * What the connection carries (default `"raw"`). The transport itself passes bytes unchanged
   * either way; the setting is recorded in {@link TcpTransportInfo.framing} so that an application
   * can pick the Modbus client framing (RTU frames or MBAP) from the transport it was given.
   */
  readonly framing?: TcpFraming;
}

/** What a {@link TcpTransport} reports about its connection; `description` reads like `tcp 192.0.2.10:502`. */
export interface TcpTransportInfo extends TransportInfo {
  /** A short description: `tcp host:port`, plus `(modbus-tcp)` for that framing. */
  readonly description: string;
  /** Host name or address. */
  readonly host: string;
  /** TCP port. */
  readonly port: number;
  /** What the connection carries: frames of the serial protocol (`raw`) or Modbus TCP. */
  readonly framing: TcpFraming;
}

/** Checks a TCP port number (0 is allowed where `allowZero`: the system picks a free port). */
export function checkPort(port: number, allowZero = false): void {
  if (!Number.isInteger(port) || port < (allowZero ? 0 : 1) || port > 65535) {
    throw new BattError("invalid-argument", `TCP port must be an integer from ${allowZero ? 0 : 1} to 65535, got ${port}`);
  }
}

/** Checks a framing value. */
export function checkFraming(framing: string): asserts framing is TcpFraming {
  if (framing !== "raw" && framing !== "modbus-tcp") {
    throw new BattError("invalid-argument", `framing must be "raw" or "modbus-tcp", got ${JSON.stringify(framing)}`);
  }
}

/** Builds the info of a TCP endpoint. */
export function tcpInfo(prefix: string, host: string, port: number, framing: TcpFraming): TcpTransportInfo {
  const suffix = framing === "raw" ? "" : ` (${framing})`;
  // IPv6 literals need brackets to keep the port readable.
  const shown = host.includes(":") ? `[${host}]` : host;
  return { description: `${prefix} ${shown}:${port}${suffix}`, host, port, framing };
}
