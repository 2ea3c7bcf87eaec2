import { BaseTransport } from "../base-transport.js";

/**
 * The UART side of a simulated Bluetooth module, for doubles of a platform's Bluetooth API: each GATT
 * write the double receives is handed over whole with {@link BleModuleEnd.deliver}, and what a
 * simulator writes here goes back out through `notify` (the double cuts it to the module's MTU).
 */
export class BleModuleEnd extends BaseTransport {
  constructor(
    private readonly notify: (data: Uint8Array) => void,
    description: string,
  ) {
    super("stream", { description });
  }

  protected async doOpen(): Promise<void> {}

  protected async doClose(): Promise<void> {}

  protected async doWrite(data: Uint8Array): Promise<void> {
    this.notify(data);
  }

  /** A GATT write arrived at the module. */
  deliver(chunk: Uint8Array): void {
    this.receive(chunk);
  }
}
