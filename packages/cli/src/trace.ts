import { toHex, WrappedTransport, type EngineTrace, type Transport } from "@batt/core";

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
export class TapTransport extends WrappedTransport {
  constructor(
    inner: Transport,
    private readonly onTrace: (line: string) => void,
  ) {
    super(inner);
  }

  protected override fromInner(chunk: Uint8Array): void {
    this.onTrace(`rx ${toHex(chunk)}`);
    this.receive(chunk);
  }

  protected override toInner(data: Uint8Array): Promise<void> {
    this.onTrace(`tx ${toHex(data)}`);
    return this.inner.write(data);
  }
}
