import { BaseTransport, BattError, bleLinkSettings, Mutex, splitToMtu, systemClock, type BleLinkOptions, type BleTransportInfo, type Clock } from "@batt/core";
import { loadNoble, nobleUuid, readyAdapter } from "./ble-backend.js";
import type { Noble, NobleCharacteristic, NoblePeripheral } from "./ble-noble-types.js";
import { ADAPTER_READY_TIMEOUT_MS } from "./ble-scan.js";

/** Options of a {@link BleTransport}. */
export interface BleTransportOptions extends BleLinkOptions {
  /** The device: its address (`aa:bb:cc:dd:ee:ff`, any case, colons optional), noble's id, or its exact advertised name. */
  readonly device: string;
  /** How long `open()` looks for the device before giving up with `not-found`, ms (default 10000). */
  readonly scanTimeoutMs?: number;
  /** Time source for the scan and adapter deadlines (default: the system clock). */
  readonly clock?: Clock;
  /** The noble instance to use (default: a fresh @stoprocent/noble instance per open session, released when it ends). */
  readonly noble?: Noble;
}

/** What a {@link BleTransport} reports; `description` reads like `ble aa:bb:cc:dd:ee:ff jbd`. */
export interface BleNodeTransportInfo extends BleTransportInfo {
  /** The address or name asked for. */
  readonly device: string;
  /** The address found, once open. */
  readonly address?: string;
}

/** One connected period. */
interface Session {
  readonly peripheral: NoblePeripheral;
  readonly notify: NobleCharacteristic;
  readonly write: NobleCharacteristic;
  readonly unlisten: () => void;
}

const normalAddress = (text: string): string => text.toLowerCase().replace(/[^0-9a-f]/g, "");

/** Whether a peripheral is the one asked for: by address, noble id or exact advertised name. */
export function isBleTarget(peripheral: NoblePeripheral, target: string): boolean {
  const address = normalAddress(target);
  if (address.length === 12 && /^[0-9a-f:-]+$/i.test(target) && (normalAddress(peripheral.address ?? "") === address || normalAddress(peripheral.id) === address)) return true;
  return peripheral.id === target || peripheral.advertisement.localName === target;
}

/**
 * A BMS's Bluetooth module from Node, through @stoprocent/noble (an optional dependency, loaded when
 * the transport is opened). Like `WebBluetoothTransport`: a `stream` transport whose chunks are the
 * module's notifications (the driver's frame parser reassembles them), writes split into pieces of
 * at most `mtu` bytes (default 20), one at a time.
 *
 * `open()` waits for the adapter, scans until it hears `device` (by address or name), connects, finds
 * the profile's service and characteristics and subscribes. It rejects with `unsupported` when the
 * library cannot load or the machine has no usable adapter, `not-found` when the device is not heard
 * within `scanTimeoutMs` or lacks the profile's characteristics, `not-open` when the connection
 * fails. A lost connection ends the session with a `disconnected` error.
 *
 * @example
 * ```ts
 * const transport = new BleTransport({ device: "a4:c1:38:00:00:01", profile: "jbd" });
 * await transport.open();
 * const reading = await new JbdBms(transport).read();
 * ```
 */
export class BleTransport extends BaseTransport {
  /** Profile, MTU, device asked for and found. */
  declare info: BleNodeTransportInfo;
  private readonly clock: Clock;
  private readonly scanTimeoutMs: number;
  private readonly given: Noble | undefined;
  private session: Session | undefined;
  /** The adapter instance this transport created (and stops when the session ends). */
  private own: Noble | undefined;
  private readonly writes = new Mutex();

  constructor(options: BleTransportOptions) {
    const { profile, mtu, writeWithoutResponse } = bleLinkSettings(options);
    const device = options.device?.trim();
    if (!device) throw new BattError("invalid-argument", "a Bluetooth transport needs a device address or name");
    const scanTimeoutMs = options.scanTimeoutMs ?? 10_000;
    if (!Number.isFinite(scanTimeoutMs) || scanTimeoutMs <= 0) throw new BattError("invalid-argument", `scanTimeoutMs must be a positive number, got ${scanTimeoutMs}`);
    const info: BleNodeTransportInfo = { description: `ble ${device} ${profile.id}`, profile, mtu, writeWithoutResponse, device };
    super("stream", info);
    this.clock = options.clock ?? systemClock;
    this.scanTimeoutMs = scanTimeoutMs;
    this.given = options.noble;
  }

  protected async doOpen(): Promise<void> {
    const noble = this.given ?? (await loadNoble());
    if (!this.given) this.own = noble;
    try {
      await this.connect(noble);
    } catch (error) {
      this.release();
      throw error;
    }
  }

  /** Finds the device, connects and subscribes. */
  private async connect(noble: Noble): Promise<void> {
    await readyAdapter(noble, this.clock, ADAPTER_READY_TIMEOUT_MS);
    const peripheral = await this.find(noble);
    const { profile } = this.info;
    try {
      await peripheral.connectAsync();
    } catch (error) {
      throw new BattError("not-open", `cannot connect to ${this.info.description}: ${reason(error)} (out of range, or connected to another phone or program)`, { cause: error });
    }
    try {
      const wanted = [...new Set([nobleUuid(profile.notify), nobleUuid(profile.write)])];
      const { characteristics } = await peripheral.discoverSomeServicesAndCharacteristicsAsync([nobleUuid(profile.service)], wanted);
      const pick = (uuid: string, property: string[]): NobleCharacteristic => {
        const found = characteristics.find((c) => nobleUuid(c.uuid) === nobleUuid(uuid) && property.some((p) => c.properties.includes(p))) ?? characteristics.find((c) => nobleUuid(c.uuid) === nobleUuid(uuid));
        if (!found) throw new BattError("not-found", `${this.info.description} has no characteristic ${uuid} in service ${profile.service} (another kind of module, or another profile is needed)`);
        return found;
      };
      const notify = pick(profile.notify, ["notify", "indicate"]);
      const write = pick(profile.write, ["writeWithoutResponse", "write"]);
      const onData = (data: Buffer): void => this.receive(Uint8Array.from(data));
      const onGone = (): void => this.drop(new Error("the Bluetooth connection was lost"));
      notify.on("data", onData);
      peripheral.once("disconnect", onGone);
      const unlisten = (): void => {
        notify.removeListener("data", onData);
        peripheral.removeListener("disconnect", onGone);
      };
      this.session = { peripheral, notify, write, unlisten };
      try {
        await notify.subscribeAsync();
      } catch (error) {
        this.session = undefined;
        unlisten();
        throw new BattError("not-open", `cannot subscribe to notifications of ${this.info.description}: ${reason(error)}`, { cause: error });
      }
      this.info = { ...this.info, address: peripheral.address || peripheral.id, ...(peripheral.advertisement.localName ? { product: peripheral.advertisement.localName } : {}) };
    } catch (error) {
      await peripheral.disconnectAsync().catch(() => undefined);
      throw error;
    }
  }

  protected async doClose(): Promise<void> {
    const session = this.session;
    this.session = undefined;
    if (!session) return;
    session.unlisten();
    await session.notify.unsubscribeAsync().catch(() => undefined);
    await session.peripheral.disconnectAsync().catch(() => undefined);
    this.release();
  }

  /** Lets go of the adapter instance this transport created. */
  private release(): void {
    const own = this.own;
    this.own = undefined;
    own?.stop?.();
  }

  protected async doWrite(data: Uint8Array): Promise<void> {
    await this.writes.run(async () => {
      for (const piece of splitToMtu(data, this.info.mtu)) {
        const session = this.session;
        if (!session) throw new BattError("not-open", `${this.info.description} is not open`);
        const withoutResponse = this.info.writeWithoutResponse && session.write.properties.includes("writeWithoutResponse");
        try {
          await session.write.writeAsync(Buffer.from(piece), withoutResponse || !session.write.properties.includes("write"));
        } catch (error) {
          const failure = new BattError("disconnected", `write to ${this.info.description} failed: ${reason(error)}`, { cause: error });
          this.drop(failure);
          throw failure;
        }
      }
    });
  }

  /** Scans until the device is heard; stops scanning either way. */
  private async find(noble: Noble): Promise<NoblePeripheral> {
    const target = this.info.device;
    let onDiscover: ((peripheral: NoblePeripheral) => void) | undefined;
    let timer: unknown;
    try {
      const found = new Promise<NoblePeripheral>((resolve, reject) => {
        onDiscover = (peripheral) => {
          if (isBleTarget(peripheral, target)) resolve(peripheral);
        };
        timer = this.clock.setTimer(
          () => reject(new BattError("not-found", `no Bluetooth device "${target}" heard within ${this.scanTimeoutMs} ms (out of range, powered off, or connected to another phone or program)`)),
          this.scanTimeoutMs,
        );
      });
      noble.on("discover", onDiscover!);
      await noble.startScanningAsync([], false).catch((error: unknown) => {
        throw new BattError("unsupported", `Bluetooth scan failed: ${reason(error)}`, { cause: error });
      });
      return await found;
    } finally {
      this.clock.clearTimer(timer);
      if (onDiscover) noble.removeListener("discover", onDiscover);
      await noble.stopScanningAsync().catch(() => undefined);
    }
  }

  /** Ends the session after the connection went away on its own. */
  private drop(cause: unknown): void {
    const session = this.session;
    if (!session) return;
    this.session = undefined;
    session.unlisten();
    const own = this.own;
    this.own = undefined;
    void session.peripheral
      .disconnectAsync()
      .catch(() => undefined)
      .finally(() => own?.stop?.());
    this.lost(cause);
  }
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
