import { createServer as createHttpServer, type Server as HttpServer } from "node:http";
import { createServer, type AddressInfo, type Server } from "node:net";
import type { Logger } from "../log/logger.js";

/** Where the embedded broker listens. */
export interface EmbeddedBrokerOptions {
  /** Address (default `127.0.0.1`). */
  readonly host?: string;
  /** MQTT port (default 1883; any free port when that one is taken; 0: any free port). */
  readonly port?: number;
  /** MQTT-over-WebSocket port (default 9001; any free port when taken; -1: no WebSocket). */
  readonly wsPort?: number;
}

/** A running embedded broker. */
export interface EmbeddedBroker {
  /** `mqtt://host:port` for clients. */
  readonly url: string;
  /** The MQTT port. */
  readonly port: number;
  /** `ws://host:port` for browsers, when WebSocket is on. */
  readonly wsUrl?: string;
  /** Stops listening and closes every client. */
  close(): Promise<void>;
}

/** Listens on `port`, or on a free port when it is taken (and `fallback` allows). */
async function listen(server: Server | HttpServer, host: string, port: number, fallback: boolean): Promise<number> {
  const attempt = (p: number) =>
    new Promise<number>((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      server.once("error", onError);
      server.listen(p, host, () => {
        server.off("error", onError);
        resolve((server.address() as AddressInfo).port);
      });
    });
  try {
    return await attempt(port);
  } catch (error) {
    if (!fallback || (error as NodeJS.ErrnoException).code !== "EADDRINUSE") throw error;
    return attempt(0);
  }
}

/**
 * Starts an MQTT broker (aedes) in the process: plain MQTT on TCP and MQTT over WebSocket, on
 * localhost by default, so the gateway works without any broker installed and any MQTT client
 * (mosquitto_sub, MQTT Explorer, a browser page) can watch it.
 */
export async function startEmbeddedBroker(options: EmbeddedBrokerOptions, logger: Logger): Promise<EmbeddedBroker> {
  // aedes is an ES module loaded only when the embedded broker is used.
  const { Aedes } = await import("aedes");
  const aedes = await Aedes.createBroker();
  const host = options.host ?? "127.0.0.1";
  const tcp = createServer((socket) => aedes.handle(socket));
  const port = await listen(tcp, host, options.port ?? 1883, options.port === undefined);
  let http: HttpServer | undefined;
  let wsPort: number | undefined;
  const wsWanted = options.wsPort ?? 9001;
  if (wsWanted >= 0) {
    const { WebSocketServer, createWebSocketStream } = await import("ws");
    http = createHttpServer();
    const wss = new WebSocketServer({ server: http });
    wss.on("connection", (socket, request) => aedes.handle(createWebSocketStream(socket) as unknown as Parameters<typeof aedes.handle>[0], request as unknown as Parameters<typeof aedes.handle>[1]));
    wsPort = await listen(http, host, wsWanted, options.wsPort === undefined);
  }
  const shownHost = host.includes(":") ? `[${host}]` : host;
  const url = `mqtt://${shownHost}:${port}`;
  const wsUrl = wsPort !== undefined ? `ws://${shownHost}:${wsPort}` : undefined;
  logger.info("embedded MQTT broker listening", { url, ...(wsUrl ? { ws: wsUrl } : {}) });
  return {
    url,
    port,
    ...(wsUrl ? { wsUrl } : {}),
    async close() {
      await new Promise<void>((resolve) => aedes.close(() => resolve()));
      await new Promise<void>((resolve) => tcp.close(() => resolve()));
      if (http) {
        http.closeAllConnections();
        await new Promise<void>((resolve) => http.close(() => resolve()));
      }
    },
  };
}
