import type { TcpFraming } from "../tcp-options.js";
import { TcpServerTransport } from "../tcp-server-transport.js";
import { TcpTransport } from "../tcp-transport.js";

/** A {@link TcpTransport} and the listening {@link TcpServerTransport} it connects to. */
export interface TcpPair {
  /** The client; starts closed. */
  readonly a: TcpTransport;
  /** The server side, already listening on 127.0.0.1 (an ephemeral port). */
  readonly b: TcpServerTransport;
  /** Closes both. */
  dispose(): Promise<void>;
}

/** Options of {@link createTcpPair}. */
export interface TcpPairOptions {
  /** Framing recorded on both ends (default `"raw"`). */
  readonly framing?: TcpFraming;
}

/**
 * A loopback TCP link for tests: `b` listens on 127.0.0.1 on a port the system picks, `a` is a
 * closed {@link TcpTransport} aimed at it. Fits `transportContract()` from `@batt/core/testing`.
 */
export async function createTcpPair(options: TcpPairOptions = {}): Promise<TcpPair> {
  const framing = options.framing ?? "raw";
  const b = new TcpServerTransport({ host: "127.0.0.1", port: 0, framing });
  await b.open();
  const a = new TcpTransport({ host: "127.0.0.1", port: b.info.port, framing, connectTimeoutMs: 2000 });
  return {
    a,
    b,
    dispose: async () => {
      await a.close();
      await b.close();
    },
  };
}
