import { BaseTransport } from "./base-transport.js";
import { BattError } from "./errors.js";
import type { Unsubscribe } from "./listeners.js";
import type { Transport } from "./transport.js";

/**
 * A transport that stands in front of another one (recording, tracing, damaging traffic): it opens,
 * closes and follows the inner transport, and passes bytes through two hooks that subclasses override.
 * In front of a link someone else opened and will close, {@link WrappedTransport.borrow} is used instead of `open()`.
 */
export abstract class WrappedTransport extends BaseTransport {
  private subscriptions: Unsubscribe[] = [];
  private borrowed = false;

  constructor(
    /** The transport being wrapped. */
    readonly inner: Transport,
    description = inner.info.description,
  ) {
    super(inner.kind, { ...inner.info, ...(description === undefined ? {} : { description }) });
  }

  /**
   * Follows the inner transport, already open, from now on: this transport is open at once (no
   * `open()`), and `close()` only lets go of the inner transport, which stays open for its owner.
   * For a device end served on a port the caller opened (a simulator's reply faults).
   *
   * @throws BattError `not-open` when the inner transport is not open.
   */
  borrow(): this {
    if (this.isOpen) return this;
    if (!this.inner.isOpen) throw new BattError("not-open", `${this.inner.info.description ?? "transport"} is not open: open it before borrowing it`);
    this.borrowed = true;
    this.subscribe();
    this.markOpen();
    return this;
  }

  /** Bytes from the inner transport; the default passes them on unchanged. */
  protected fromInner(chunk: Uint8Array): void {
    this.receive(chunk);
  }

  /** Bytes written to this transport; the default writes them to the inner one unchanged. */
  protected toInner(data: Uint8Array): Promise<void> {
    return this.inner.write(data);
  }

  protected async doOpen(): Promise<void> {
    this.borrowed = false;
    this.subscribe();
    try {
      await this.inner.open();
    } catch (error) {
      this.unsubscribe();
      throw error;
    }
  }

  protected async doClose(): Promise<void> {
    this.unsubscribe();
    if (this.borrowed) this.borrowed = false;
    else await this.inner.close();
  }

  protected doWrite(data: Uint8Array): Promise<void> {
    return this.toInner(data);
  }

  private subscribe(): void {
    this.subscriptions = [
      this.inner.onData((chunk) => this.fromInner(chunk)),
      this.inner.onClose((reason) => this.lost(reason)),
    ];
  }

  private unsubscribe(): void {
    for (const u of this.subscriptions) u();
    this.subscriptions = [];
  }
}
