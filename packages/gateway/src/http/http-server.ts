import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { GatewayMetrics } from "./gateway-metrics.js";

/** The health report `/healthz` gives. */
export interface HealthReport {
  /** Whether the gateway is healthy (200) or not (503). */
  readonly ok: boolean;
  /** Details, as JSON. */
  readonly [detail: string]: unknown;
}

/** A running HTTP server. */
export interface GatewayHttpServer {
  /** The port it listens on. */
  readonly port: number;
  /** Stops it. */
  close(): Promise<void>;
}

/** Serves `/metrics` (Prometheus text format) and `/healthz` (JSON; 200 when healthy, else 503). */
export async function startHttpServer(host: string, port: number, metrics: GatewayMetrics, health: () => HealthReport): Promise<GatewayHttpServer> {
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? "/").split("?")[0];
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.writeHead(405, { allow: "GET, HEAD" }).end();
    } else if (path === "/metrics") {
      metrics.registry.metrics().then(
        (text) => response.writeHead(200, { "content-type": metrics.registry.contentType }).end(text),
        (error: unknown) => response.writeHead(500, { "content-type": "text/plain" }).end(String(error)),
      );
    } else if (path === "/healthz") {
      const report = health();
      response.writeHead(report.ok ? 200 : 503, { "content-type": "application/json" }).end(`${JSON.stringify(report)}\n`);
    } else {
      response.writeHead(404, { "content-type": "text/plain" }).end("not found: try /metrics or /healthz\n");
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
