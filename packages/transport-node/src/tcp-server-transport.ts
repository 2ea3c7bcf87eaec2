import { createServer, type AddressInfo, type Server, type Socket } from "node:net";
import { BaseTransport } from "@batt/core";
import { checkFraming, checkPort, tcpInfo, type TcpFraming, type TcpTransportInfo } from "./tcp-options.js";
import { closeSocket, wireSocket, writeSocket } from "./tcp-socket.js";

/** Options of a {@link TcpServerTransport}. */
export interface TcpServerTransportOptions {
  /** Address to listen on (default `127.0.0.1`). */
  readonly host?: string;
  /** Port to listen on; 0 (the default) lets the system pick a free one, see `info.port` after `open()`. */
  readonly port?: number;
  /** Recorded in `info.framing`, as for {@link TcpTransport} (default `"raw"`). */
  readonly framing?: TcpFraming;
}

/**
 * The device side of a TCP link: listens, and carries the bytes of the most recent client, the
 * way a serial-to-Ethernet gateway serves one client at a time. Use it to put a simulator on the
 * network, or as the peer of a {@link TcpTransport} in tests.
 *
 * - `open()` resolves once listening; `info.port` then holds the actual port.
 * - A new client replaces the previous one (which is disconnected).
 * - A client going away does not end this transport's session (the listener stays up); bytes
 *   written while no client is connected are discarded, as on a line with nothing attached.
 */
export class TcpServerTransport extends BaseTransport {
  /** Listening address, port and framing. */
  declare info: TcpTransportInfo;
  private server: Server | undefined;
  private client: { socket: Socket; detach: () => void } | undefined;

  constructor(options: TcpServerTransportOptions = {}) {
    const { host = "127.0.0.1", port = 0, framing = "raw" } = options;
    checkPort(port, true);
    checkFraming(framing);
    super("stream", tcpInfo("tcp server", host, port, framing));
  }

  protected async doOpen(): Promise<void> {
    const server: Server = createServer((socket) => {
      if (this.server === server) this.adopt(socket);
      else socket.destroy(); // arrived while closing
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.info.port, this.info.host, () => {
        server.off("error", reject);
        resolve();
      });
    });
    server.on("error", (error) => {
      this.shutdown()?.close();
      this.lost(error);
    });
    this.server = server;
    const { port } = server.address() as AddressInfo;
    this.info = tcpInfo("tcp server", this.info.host, port, this.info.framing);
  }

  protected async doClose(): Promise<void> {
    const client = this.client;
    const server = this.shutdown();
    await Promise.all([
      client ? closeSocket(client.socket, 1000) : undefined,
      server ? new Promise<void>((resolve) => server.close(() => resolve())) : undefined,
    ]);
  }

  protected async doWrite(data: Uint8Array): Promise<void> {
    if (this.client) await writeSocket(this.client.socket, data, this.info.description);
  }

  private adopt(socket: Socket): void {
    this.dropClient();
    socket.setNoDelay(true);
    const detach = wireSocket(socket, {
      data: (chunk) => this.receive(chunk),
      gone: () => {
        if (this.client?.socket === socket) this.dropClient();
      },
    });
    this.client = { socket, detach };
  }

  private dropClient(): void {
    const client = this.client;
    this.client = undefined;
    if (!client) return;
    client.detach();
    client.socket.destroy();
  }

  /** Stops listening and forgets the client (without closing it); returns the server, if any. */
  private shutdown(): Server | undefined {
    const server = this.server;
    this.server = undefined;
    this.client?.detach();
    this.client = undefined;
    return server;
  }
}
