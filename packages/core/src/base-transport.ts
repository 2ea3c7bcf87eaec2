import { BattError } from "./errors.js";
import { Listeners, type Unsubscribe } from "./listeners.js";
import type { Transport, TransportInfo, TransportKind } from "./transport.js";

/**
 * Does the bookkeeping every {@link Transport} needs (open state, listeners, close-once, padding
 * of reports) so that an adapter only implements `doOpen`, `doClose` and `doWrite`, and calls
 * {@link BaseTransport.receive} and {@link BaseTransport.lost} from its I/O callbacks.
 */
export abstract class BaseTransport implements Transport {
  private readonly dataListeners = new Listeners<Uint8Array>();
  private readonly closeListeners = new Listeners<BattError | undefined>();
  private opened = false;
  /** True from the start of `doOpen()`: an adapter may start reading before it resolves. */
  private accepting = false;
  private opening: Promise<void> | undefined;

  constructor(
    /** Stream or packet delivery. */
    readonly kind: TransportKind,
    /** Link details. */
    public info: TransportInfo = {},
  ) {}

  /** Whether the transport is open. */
  get isOpen(): boolean {
    return this.opened;
  }

  /** Opens the underlying link. */
  protected abstract doOpen(): Promise<void>;
  /** Closes the underlying link. */
  protected abstract doClose(): Promise<void>;
  /** Writes to the underlying link. */
  protected abstract doWrite(data: Uint8Array): Promise<void>;

  /** Opens the link; calls while an open is under way share it, and an open transport resolves at once. */
  async open(): Promise<void> {
    if (this.opened) return;
    if (!this.opening) this.accepting = true;
    this.opening ??= this.doOpen().then(
      () => {
        this.opened = true;
        this.opening = undefined;
      },
      (error: unknown) => {
        this.opening = undefined;
        this.accepting = false;
        throw error instanceof BattError ? error : new BattError("not-open", `cannot open ${this.info.description ?? "transport"}: ${String((error as Error)?.message ?? error)}`, { cause: error });
      },
    );
    return this.opening;
  }

  /** Closes the link and tells `onClose` listeners (with no reason); a closed transport resolves at once. */
  async close(): Promise<void> {
    if (!this.opened) return;
    this.opened = false;
    this.accepting = false;
    try {
      await this.doClose();
    } finally {
      this.closeListeners.emit(undefined);
    }
  }

  /** Sends bytes; rejects with `not-open` while closed. On `packet` links, one report padded to `info.packetSize`. */
  async write(data: Uint8Array): Promise<void> {
    if (!this.opened) throw new BattError("not-open", `${this.info.description ?? "transport"} is not open`);
    const size = this.info.packetSize;
    if (this.kind === "packet" && size !== undefined) {
      if (data.length > size) {
        throw new BattError("invalid-argument", `report of ${data.length} bytes exceeds the report size ${size}`);
      }
      if (data.length < size) {
        const padded = new Uint8Array(size);
        padded.set(data);
        data = padded;
      }
    }
    await this.doWrite(data);
  }

  /** Listens for received bytes (one report per call on `packet` links); returns the function that stops listening. */
  onData(listener: (chunk: Uint8Array) => void): Unsubscribe {
    return this.dataListeners.add(listener);
  }

  /** Listens for the end of the session: no reason after `close()`, a `disconnected` error when the link was lost. */
  onClose(listener: (reason?: BattError) => void): Unsubscribe {
    return this.closeListeners.add(listener);
  }

  /**
   * Marks the transport open at once, without `doOpen()`: for a wrapper that follows a link its
   * owner has opened already (see `WrappedTransport.borrow`).
   */
  protected markOpen(): void {
    this.opened = true;
    this.accepting = true;
  }

  /** Adapters call this with every chunk (or report) they receive, from the start of `doOpen()`. Ignored while closed. */
  protected receive(chunk: Uint8Array): void {
    if (this.accepting && chunk.length > 0) this.dataListeners.emit(chunk);
  }

  /** Adapters call this when the link goes away without `close()` (unplugged, socket reset). */
  protected lost(cause?: unknown): void {
    if (!this.opened) return;
    this.opened = false;
    this.accepting = false;
    if (cause instanceof BattError && cause.code === "disconnected") {
      this.closeListeners.emit(cause);
      return;
    }
    const message = cause instanceof Error ? cause.message : cause === undefined ? "link lost" : String(cause);
    this.closeListeners.emit(
      new BattError("disconnected", `${this.info.description ?? "transport"} disconnected: ${message}`, { cause }),
    );
  }
}
