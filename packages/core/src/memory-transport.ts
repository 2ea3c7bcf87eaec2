import { BaseTransport } from "./base-transport.js";
import type { TransportInfo, TransportKind } from "./transport.js";

/** One end of an in-memory link made by {@link createMemoryLink}. */
export class MemoryTransport extends BaseTransport {
  /** The other end; set by {@link createMemoryLink}. */
  peer: MemoryTransport | undefined;

  protected async doOpen(): Promise<void> {}

  // Closing one end leaves the other open, as closing a serial port leaves the device powered.
  protected async doClose(): Promise<void> {}

  protected async doWrite(data: Uint8Array): Promise<void> {
    const copy = data.slice();
    const peer = this.peer;
    // Delivered asynchronously, as real I/O is; bytes sent to a closed end are lost, as on a real line.
    queueMicrotask(() => peer?.deliver(copy));
  }

  /** Delivers bytes to this end's listeners as if they had arrived on the wire. */
  deliver(chunk: Uint8Array): void {
    this.receive(chunk);
  }

  /** Simulates the link being lost: listeners get a `disconnected` error. */
  disconnect(reason = "link lost"): void {
    this.lost(new Error(reason));
  }
}

/** Options for {@link createMemoryLink}. */
export interface MemoryLinkOptions {
  /** `stream` (default) or `packet`. */
  readonly kind?: TransportKind;
  /** Report size for `packet` links (default 64). */
  readonly packetSize?: number;
  /** Info reported by both ends (a baud rate makes Modbus RTU timing realistic). */
  readonly info?: TransportInfo;
}

/**
 * Two connected in-memory transports: what `host` writes arrives at `device` and the reverse.
 * Both start closed; open each before use. Use it to run a driver against a simulator in one process.
 */
export function createMemoryLink(options: MemoryLinkOptions = {}): { host: MemoryTransport; device: MemoryTransport } {
  const kind = options.kind ?? "stream";
  const info: TransportInfo = {
    description: "memory",
    ...options.info,
    ...(kind === "packet" ? { packetSize: options.packetSize ?? options.info?.packetSize ?? 64 } : {}),
  };
  const host = new MemoryTransport(kind, { ...info, description: `${info.description} (host)` });
  const device = new MemoryTransport(kind, { ...info, description: `${info.description} (device)` });
  host.peer = device;
  device.peer = host;
  return { host, device };
}
