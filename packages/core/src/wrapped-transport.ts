import { BaseTransport } from "./base-transport.js";
import type { Unsubscribe } from "./listeners.js";
import type { Transport } from "./transport.js";

/**
 * A transport that stands in front of another one (recording, tracing, damaging traffic): it opens,
 * closes and follows the inner transport, and passes bytes through two hooks that subclasses override.
 */
export abstract class WrappedTransport extends BaseTransport {
  private subscriptions: Unsubscribe[] = [];

  constructor(
    /** The transport being wrapped. */
    readonly inner: Transport,
    description = inner.info.description,
  ) {
    super(inner.kind, { ...inner.info, ...(description === undefined ? {} : { description }) });
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
    this.subscriptions = [
      this.inner.onData((chunk) => this.fromInner(chunk)),
      this.inner.onClose((reason) => this.lost(reason)),
    ];
    try {
      await this.inner.open();
    } catch (error) {
      this.unsubscribe();
      throw error;
    }
  }

  protected async doClose(): Promise<void> {
    this.unsubscribe();
    await this.inner.close();
  }

  protected doWrite(data: Uint8Array): Promise<void> {
    return this.toInner(data);
  }

  private unsubscribe(): void {
    for (const u of this.subscriptions) u();
    this.subscriptions = [];
  }
}
