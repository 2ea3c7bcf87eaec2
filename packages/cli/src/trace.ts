import { BaseTransport, toHex, type EngineTrace, type Transport, type Unsubscribe } from "@batt/core";

/** One `--verbose` line for an engine trace event. */
export function formatEngineTrace(event: EngineTrace): string {
  switch (event.type) {
    case "tx":
      return `tx ${toHex(event.bytes)}`;
    case "rx":
      return `rx ${toHex(event.bytes)}`;
    case "skipped":
      return `skipped ${toHex(event.bytes)} (${event.error.code}: ${event.error.message})`;
    case "timeout":
      return `timeout waiting for the reply to ${toHex(event.request)}`;
    case "retry":
      return `retry ${event.attempt} after ${event.error.code}: ${event.error.message}`;
  }
}

/**
 * A transparent wrapper that reports every write (`tx`) and every received chunk (`rx`), for
 * `--verbose` on drivers whose request engine the CLI cannot see.
 */
export class TapTransport extends BaseTransport {
  private subscriptions: Unsubscribe[] = [];

  constructor(
    /** The transport being watched. */
    readonly inner: Transport,
    private readonly onTrace: (line: string) => void,
  ) {
    super(inner.kind, inner.info);
  }

  protected async doOpen(): Promise<void> {
    this.subscriptions = [
      this.inner.onData((chunk) => {
        this.onTrace(`rx ${toHex(chunk)}`);
        this.receive(chunk);
      }),
      this.inner.onClose((reason) => this.lost(reason)),
    ];
    await this.inner.open();
  }

  protected async doClose(): Promise<void> {
    for (const u of this.subscriptions) u();
    this.subscriptions = [];
    await this.inner.close();
  }

  protected async doWrite(data: Uint8Array): Promise<void> {
    this.onTrace(`tx ${toHex(data)}`);
    await this.inner.write(data);
  }
}
