import type { Transport, Unsubscribe } from "@batt/core";
import { encodeRtuFrame } from "@batt/modbus-rtu";

/** Ways the simulated device misbehaves on its next replies. */
export type ReplyFault =
  /** The reply is not sent (a controller that does not answer). */
  | "silence"
  /** The reply's last CRC byte is flipped. */
  | "bad-crc"
  /** Two bytes of line noise arrive before the reply. */
  | "noise";

/** Options for {@link SimulatorPort}. */
export interface SimulatorPortOptions {
  /** Replies to requests sent to this address go out from {@link SimulatorPortOptions.ownUnit} instead. */
  readonly wildcardUnit?: number;
  /** The device's own address, for readdressed replies. */
  readonly ownUnit?: () => number;
}

/**
 * The device end of a link as the simulator's Modbus server sees it: the wrapped transport, with
 * reply faults applied on the way out and replies to the wildcard address sent from the device's
 * own address (what the controller does, and what a plain Modbus server cannot express).
 * Opening and closing are left to the owner of the wrapped transport.
 */
export class SimulatorPort implements Transport {
  /** Replies damaged or dropped so far, by fault. */
  readonly hits: Record<ReplyFault, number> = { silence: 0, "bad-crc": 0, noise: 0 };
  private readonly faults: { fault: ReplyFault; left: number }[] = [];

  constructor(
    /** The transport the simulator answers on. */
    readonly inner: Transport,
    private readonly options: SimulatorPortOptions = {},
  ) {}

  /** {@inheritDoc Transport.kind} */
  get kind(): Transport["kind"] {
    return this.inner.kind;
  }

  /** {@inheritDoc Transport.info} */
  get info(): Transport["info"] {
    return this.inner.info;
  }

  /** {@inheritDoc Transport.isOpen} */
  get isOpen(): boolean {
    return this.inner.isOpen;
  }

  /** Applies `fault` to the next `times` replies (default 1; `Infinity` for every reply). */
  inject(fault: ReplyFault, times = 1): void {
    this.faults.push({ fault, left: times });
  }

  /** Removes every pending fault. */
  clearFaults(): void {
    this.faults.length = 0;
  }

  /** {@inheritDoc Transport.open} */
  open(): Promise<void> {
    return this.inner.open();
  }

  /** {@inheritDoc Transport.close} */
  close(): Promise<void> {
    return this.inner.close();
  }

  /** Sends a reply, readdressed and damaged as configured. */
  async write(data: Uint8Array): Promise<void> {
    let bytes = data;
    if (this.options.wildcardUnit !== undefined && this.options.ownUnit && bytes[0] === this.options.wildcardUnit && bytes.length >= 4) {
      bytes = encodeRtuFrame(this.options.ownUnit(), bytes.subarray(1, bytes.length - 2));
    }
    const fault = this.takeFault();
    if (fault === "silence") return;
    if (fault === "bad-crc") {
      bytes = bytes.slice();
      bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0xff;
    }
    if (fault === "noise") {
      const noisy = new Uint8Array(bytes.length + 2);
      noisy.set([0x00, 0xff]);
      noisy.set(bytes, 2);
      bytes = noisy;
    }
    await this.inner.write(bytes);
  }

  /** {@inheritDoc Transport.onData} */
  onData(listener: (chunk: Uint8Array) => void): Unsubscribe {
    return this.inner.onData(listener);
  }

  /** {@inheritDoc Transport.onClose} */
  onClose(listener: Parameters<Transport["onClose"]>[0]): Unsubscribe {
    return this.inner.onClose(listener);
  }

  private takeFault(): ReplyFault | undefined {
    const active = this.faults[0];
    if (!active) return undefined;
    active.left--;
    if (active.left <= 0) this.faults.shift();
    this.hits[active.fault]++;
    return active.fault;
  }
}
