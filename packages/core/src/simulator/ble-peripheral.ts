import { BattError } from "../errors.js";
import { Listeners, type Unsubscribe } from "../listeners.js";
import { createMemoryLink, type MemoryTransport } from "../memory-transport.js";
import type { Transport } from "../transport.js";

/** A simulator that answers on a transport: every `DeviceSimulator` is one. */
export interface AttachableSimulator {
  /** Starts answering on `transport`. */
  attach(transport: Transport): unknown;
  /** Stops answering. */
  detach(): void;
}

/** Options of a {@link BlePeripheralHost}. */
export interface BlePeripheralHostOptions {
  /** Most bytes per notification (default 20: the default ATT MTU of 23 less its 3-byte header). */
  readonly mtu?: number;
}

/**
 * Puts a device simulator behind a Bluetooth module, as the packs' modules do with their UART: bytes
 * written to the write characteristic go to the simulator as they are; the simulator's replies come
 * back as notifications of at most `mtu` bytes each, cut without regard to frame boundaries (so a
 * 34-byte JBD reply arrives as 20 + 14). Takes any simulator (`attach`/`detach`), so a JBD, a JK or
 * any later device can be hosted. Platform-free: the Web Bluetooth double in tests, the DevTools
 * emulation in Chromium and the Node BLE double all feed it.
 *
 * @example
 * ```ts
 * const host = new BlePeripheralHost(new JbdSimulator());
 * host.onNotify((chunk) => deliverNotification(chunk));
 * await host.start();
 * await host.write(request);
 * ```
 */
export class BlePeripheralHost {
  /** Bytes per notification. */
  readonly mtu: number;
  private readonly notifyListeners = new Listeners<Uint8Array>();
  private readonly link: { host: MemoryTransport; device: MemoryTransport };
  private started = false;
  private notificationCount = 0;

  constructor(
    /** The simulated device behind the module. */
    readonly simulator: AttachableSimulator,
    options: BlePeripheralHostOptions = {},
  ) {
    const mtu = options.mtu ?? 20;
    if (!Number.isInteger(mtu) || mtu < 1 || mtu > 512) throw new BattError("invalid-argument", `the MTU must be an integer from 1 to 512, got ${mtu}`);
    this.mtu = mtu;
    this.link = createMemoryLink({ info: { description: "ble peripheral" } });
    this.link.host.onData((chunk) => {
      for (let at = 0; at < chunk.length; at += this.mtu) {
        this.notificationCount++;
        this.notifyListeners.emit(chunk.slice(at, at + this.mtu));
      }
    });
  }

  /** Notifications sent so far. */
  get notifications(): number {
    return this.notificationCount;
  }

  /** Powers the module: the simulator starts answering. */
  async start(): Promise<void> {
    if (this.started) return;
    await Promise.all([this.link.host.open(), this.link.device.open()]);
    this.simulator.attach(this.link.device);
    this.started = true;
  }

  /** Stops the simulator answering and closes the inner link. */
  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    this.simulator.detach();
    await Promise.all([this.link.host.close(), this.link.device.close()]);
  }

  /** A write to the module's write characteristic: the bytes go to the simulator. */
  async write(value: Uint8Array): Promise<void> {
    if (!this.started) throw new BattError("not-open", "the simulated Bluetooth module is not started");
    await this.link.host.write(value);
  }

  /** Listens for notifications (each at most `mtu` bytes); returns the function that stops listening. */
  onNotify(listener: (value: Uint8Array) => void): Unsubscribe {
    return this.notifyListeners.add(listener);
  }
}
