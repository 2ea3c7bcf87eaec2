import type { Socket } from "node:net";
import { BaseTransport, BattError } from "@batt/core";
import { checkFraming, checkPort, tcpInfo, type TcpTransportInfo, type TcpTransportOptions } from "./tcp-options.js";
import { closeSocket, connectSocket, wireSocket, writeSocket } from "./tcp-socket.js";

/**
 * A TCP connection: an RS-485/RS-232-to-Ethernet gateway carrying raw frames, or a Modbus TCP
 * server (see {@link TcpTransportOptions.framing}).
 *
 * - `open()` connects; refused connections reject with `not-open`, unknown hosts with `not-found`,
 *   no answer within `connectTimeoutMs` with `timeout`.
 * - The peer closing or resetting the connection ends the session with a `disconnected` error.
 *
 * @example
 * ```ts
 * const link = new TcpTransport({ host: "192.0.2.10", port: 502, framing: "modbus-tcp" });
 * await link.open();
 * if (link.info.framing === "modbus-tcp") { ... use MBAP framing ... }
 * ```
 */
export class TcpTransport extends BaseTransport {
  /** Host, port and framing. */
  declare info: TcpTransportInfo;
  private socket: Socket | undefined;
  private detach: (() => void) | undefined;
  private readonly connectTimeoutMs: number;
  private readonly noDelay: boolean;

  constructor(options: TcpTransportOptions) {
    const { host, port, connectTimeoutMs = 3000, noDelay = true, framing = "raw" } = options;
    if (typeof host !== "string" || host.length === 0) throw new BattError("invalid-argument", "a host is required");
    checkPort(port);
    checkFraming(framing);
    if (!(connectTimeoutMs > 0)) {
      throw new BattError("invalid-argument", `connectTimeoutMs must be positive, got ${connectTimeoutMs}`);
    }
    super("stream", tcpInfo("tcp", host, port, framing));
    this.connectTimeoutMs = connectTimeoutMs;
    this.noDelay = noDelay;
  }

  protected async doOpen(): Promise<void> {
    const socket = await connectSocket(this.info.host, this.info.port, this.connectTimeoutMs);
    socket.setNoDelay(this.noDelay);
    this.socket = socket;
    this.detach = wireSocket(socket, {
      data: (chunk) => this.receive(chunk),
      gone: (cause) => {
        this.release();
        socket.destroy();
        this.lost(cause);
      },
    });
  }

  protected async doClose(): Promise<void> {
    const socket = this.socket;
    this.release();
    if (socket) await closeSocket(socket, this.connectTimeoutMs);
  }

  protected async doWrite(data: Uint8Array): Promise<void> {
    if (!this.socket) throw new BattError("not-open", `${this.info.description} is not open`);
    await writeSocket(this.socket, data, this.info.description);
  }

  private release(): void {
    this.detach?.();
    this.detach = undefined;
    this.socket = undefined;
  }
}
