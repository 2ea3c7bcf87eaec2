// A double of @stoprocent/noble's API (the subset in src/ble-noble-types.ts), with EventEmitters as noble
// has: an adapter with a state, peripherals that a scan "hears", GATT characteristics whose writes reach
// the module's UART side and whose notifications come from it, cut to the module's MTU. These machines
// have no Bluetooth adapter, so the Node BLE transport is tested against this double only.
import { EventEmitter } from "node:events";
import { bleUuid, type BleGattProfile } from "@batt/core";
import { BleModuleEnd, type BlePeripheralHost } from "@batt/core/simulator";
import type { Noble, NobleCharacteristic, NoblePeripheral, NobleState } from "../ble-noble-types.js";

const short = (uuid: string): string => {
  const full = bleUuid(uuid);
  return full.startsWith("0000") && full.endsWith("-0000-1000-8000-00805f9b34fb") ? full.slice(4, 8) : full.replace(/-/g, "");
};

/** A characteristic of a {@link FakeNoblePeripheral}: writes reach the module, notifications come from it. */
export class FakeCharacteristic extends EventEmitter implements NobleCharacteristic {
  /** Whether notifications are on. */
  subscribed = false;
  constructor(
    /** UUID, noble's form. */
    readonly uuid: string,
    /** noble's property names. */
    readonly properties: string[],
    private readonly peripheral: FakeNoblePeripheral,
  ) {
    super();
  }
  /** Turns notifications on. */
  async subscribeAsync(): Promise<void> {
    this.peripheral.check();
    this.subscribed = true;
  }
  /** Turns notifications off. */
  async unsubscribeAsync(): Promise<void> {
    this.peripheral.check();
    this.subscribed = false;
  }
  /** A GATT write: recorded, refused above the MTU, passed to the module. */
  async writeAsync(data: Buffer, withoutResponse: boolean): Promise<void> {
    this.peripheral.check();
    if (data.length > this.peripheral.mtu) throw new Error(`value longer than the MTU (${data.length} > ${this.peripheral.mtu})`);
    const bytes = Uint8Array.from(data);
    this.peripheral.writes.push({ bytes: [...bytes], withoutResponse });
    queueMicrotask(() => {
      if (this.peripheral.host) void this.peripheral.host.write(bytes);
      else this.peripheral.peer.deliver(bytes);
    });
  }
}

/** A Bluetooth module with a GATT profile; answers through its `peer` (a `BleModuleEnd`) or a `BlePeripheralHost`. */
export class FakeNoblePeripheral extends EventEmitter implements NoblePeripheral {
  /** noble's id: the address without colons. */
  readonly id: string;
  /** Advertised name and service. */
  readonly advertisement: { localName?: string; serviceUuids: string[] };
  /** The module's UART side (when no host is attached). */
  readonly peer: BleModuleEnd;
  /** The characteristic that notifies. */
  readonly notifyCharacteristic: FakeCharacteristic;
  /** The characteristic written to (the same one for JK). */
  readonly writeCharacteristic: FakeCharacteristic;
  /** Every GATT write. */
  readonly writes: { bytes: number[]; withoutResponse: boolean }[] = [];
  /** Sizes of the notifications sent. */
  readonly notificationSizes: number[] = [];
  /** A simulator host answering instead of {@link FakeNoblePeripheral.peer}. */
  host: BlePeripheralHost | undefined;
  /** `connected` or `disconnected`. */
  state = "disconnected";
  /** Makes `connectAsync()` fail. */
  connectFails = false;
  /** Every service and characteristic discovery asked for. */
  readonly discoveries: { services: string[]; characteristics: string[] }[] = [];

  constructor(
    /** `aa:bb:cc:dd:ee:ff`. */
    readonly address: string,
    name: string | undefined,
    /** The module's GATT profile. */
    readonly profile: BleGattProfile,
    /** Most bytes per notification and write. */
    readonly mtu = 20,
    /** Signal strength reported by scans. */
    readonly rssi = -60,
  ) {
    super();
    this.id = address.replace(/:/g, "");
    this.advertisement = { ...(name !== undefined ? { localName: name } : {}), serviceUuids: [short(profile.service)] };
    const same = short(profile.notify) === short(profile.write);
    this.notifyCharacteristic = new FakeCharacteristic(short(profile.notify), same ? ["read", "write", "writeWithoutResponse", "notify"] : ["read", "notify"], this);
    this.writeCharacteristic = same ? this.notifyCharacteristic : new FakeCharacteristic(short(profile.write), ["write", "writeWithoutResponse"], this);
    this.peer = new BleModuleEnd((data) => this.notify(data), `fake module ${this.id}`);
  }

  /** Lets a simulator host answer: GATT writes go to it, its notifications to the notify characteristic. */
  attachHost(host: BlePeripheralHost): this {
    this.host = host;
    host.onNotify((chunk) => this.fire(chunk));
    return this;
  }

  /** Rejects GATT operations while disconnected, as noble does. */
  check(): void {
    if (this.state !== "connected") throw new Error("Peripheral not connected");
  }

  /** Connects (fails when `connectFails`). */
  async connectAsync(): Promise<void> {
    if (this.connectFails) throw new Error("connection timed out");
    this.state = "connected";
  }
  /** Disconnects. */
  async disconnectAsync(): Promise<void> {
    this.drop();
  }
  /** The profile's characteristics asked for, when the profile's service is asked for. */
  async discoverSomeServicesAndCharacteristicsAsync(services: string[], characteristics: string[]): Promise<{ characteristics: NobleCharacteristic[] }> {
    this.check();
    this.discoveries.push({ services, characteristics });
    if (!services.includes(short(this.profile.service))) return { characteristics: [] };
    const all = [...new Set([this.notifyCharacteristic, this.writeCharacteristic])];
    return { characteristics: all.filter((c) => characteristics.includes(c.uuid)) };
  }

  /** Sends `data` as notifications of at most the MTU. */
  notify(data: Uint8Array): void {
    for (let at = 0; at < data.length; at += this.mtu) this.fire(data.subarray(at, at + this.mtu));
  }

  private fire(chunk: Uint8Array): void {
    if (!this.notifyCharacteristic.subscribed) return;
    this.notificationSizes.push(chunk.length);
    this.notifyCharacteristic.emit("data", Buffer.from(chunk), true);
  }

  /** The link ends (out of range, module reset). */
  drop(): void {
    if (this.state !== "connected") return;
    this.state = "disconnected";
    this.notifyCharacteristic.subscribed = false;
    this.emit("disconnect");
  }
}

/** A double of noble's adapter: a state and the peripherals in range, each heard once per scan. */
export class FakeNoble extends EventEmitter implements Noble {
  /** The adapter state. */
  state: NobleState = "poweredOn";
  /** Whether a scan is running. */
  scanning = false;
  /** Peripherals in range. */
  readonly peripherals: FakeNoblePeripheral[] = [];
  /** Every scan started. */
  readonly scans: { services: string[] | undefined; duplicates: boolean | undefined }[] = [];

  /** Puts a peripheral in range. */
  add(peripheral: FakeNoblePeripheral): FakeNoblePeripheral {
    this.peripherals.push(peripheral);
    return peripheral;
  }

  /** Changes the adapter state and tells the listeners. */
  setState(state: NobleState): void {
    this.state = state;
    this.emit("stateChange", state);
  }

  /** Starts a scan: each peripheral in range is discovered once, on the next turn. */
  async startScanningAsync(services?: string[], allowDuplicates?: boolean): Promise<void> {
    if (this.state !== "poweredOn") throw new Error(`Could not start scanning, state is ${this.state} (not poweredOn)`);
    this.scans.push({ services, duplicates: allowDuplicates });
    this.scanning = true;
    for (const p of this.peripherals) setImmediate(() => this.scanning && this.emit("discover", p));
  }

  /** Stops the scan. */
  async stopScanningAsync(): Promise<void> {
    this.scanning = false;
  }
}
