// A double of navigator.bluetooth: peripherals whose GATT server has one service with a notify and a
// write characteristic. What the page writes reaches the peripheral's `peer` transport (the module's
// UART side, as one chunk per GATT write); what the peer writes comes back as notifications of at most
// the module's MTU. Platform-free (EventTarget only), so it runs in Node and in the Chromium page.
import { BattError, bleUuid, type BleGattProfile } from "@batt/core";
import { BleModuleEnd, type BlePeripheralHost } from "@batt/core/simulator";
import type {
  WebBluetooth,
  WebBluetoothCharacteristic,
  WebBluetoothCharacteristicProperties,
  WebBluetoothDevice,
  WebBluetoothGattServer,
  WebBluetoothRequestOptions,
  WebBluetoothService,
} from "../../src/index.js";

const domError = (name: string, message: string): Error => Object.assign(new Error(message), { name });

class FakeCharacteristic extends EventTarget implements WebBluetoothCharacteristic {
  value: DataView | null = null;
  notifying = false;
  constructor(
    readonly uuid: string,
    readonly properties: WebBluetoothCharacteristicProperties,
    private readonly peripheral: FakePeripheral,
  ) {
    super();
  }
  async startNotifications(): Promise<WebBluetoothCharacteristic> {
    this.peripheral.check();
    this.notifying = true;
    return this;
  }
  async stopNotifications(): Promise<WebBluetoothCharacteristic> {
    this.peripheral.check();
    this.notifying = false;
    return this;
  }
  writeValueWithoutResponse = async (value: BufferSource): Promise<void> => this.written(value, "without-response");
  writeValueWithResponse = async (value: BufferSource): Promise<void> => this.written(value, "with-response");
  private written(value: BufferSource, kind: string): void {
    this.peripheral.check();
    const bytes = ArrayBuffer.isView(value) ? new Uint8Array(value.buffer, value.byteOffset, value.byteLength).slice() : new Uint8Array(value).slice();
    if (bytes.length > this.peripheral.mtu) throw domError("NotSupportedError", `value longer than the MTU (${bytes.length} > ${this.peripheral.mtu})`);
    this.peripheral.writes.push({ bytes: [...bytes], kind });
    queueMicrotask(() => {
      if (this.peripheral.host) void this.peripheral.host.write(bytes);
      else this.peripheral.peer.deliver(bytes);
    });
  }
  /** Fires one notification. */
  fire(chunk: Uint8Array): void {
    if (!this.notifying) return;
    this.value = new DataView(chunk.slice().buffer);
    this.dispatchEvent(new Event("characteristicvaluechanged"));
  }
}

/** A peripheral with the profile's service. */
export class FakePeripheral extends EventTarget implements WebBluetoothDevice {
  readonly id: string;
  readonly gatt: WebBluetoothGattServer;
  readonly peer: BleModuleEnd;
  readonly notifyCharacteristic: FakeCharacteristic;
  readonly writeCharacteristic: FakeCharacteristic;
  /** Every GATT write: its bytes and kind. */
  readonly writes: { bytes: number[]; kind: string }[] = [];
  /** Notifications sent: their sizes. */
  readonly notificationSizes: number[] = [];
  connected = false;
  /** A simulator host answering instead of {@link FakePeripheral.peer}. */
  host: BlePeripheralHost | undefined;
  /** Present in range: a connect() fails when false. */
  inRange = true;
  connects = 0;

  constructor(
    readonly name: string,
    readonly profile: BleGattProfile,
    readonly mtu = 20,
    serviceUuid = profile.service,
  ) {
    super();
    this.id = `fake-${name}`;
    const service = bleUuid(serviceUuid);
    const same = bleUuid(profile.write) === bleUuid(profile.notify);
    this.notifyCharacteristic = new FakeCharacteristic(bleUuid(profile.notify), { notify: true, write: same, writeWithoutResponse: same }, this);
    this.writeCharacteristic = same ? this.notifyCharacteristic : new FakeCharacteristic(bleUuid(profile.write), { notify: false, write: true, writeWithoutResponse: true }, this);
    const characteristics = new Map([
      [this.notifyCharacteristic.uuid, this.notifyCharacteristic],
      [this.writeCharacteristic.uuid, this.writeCharacteristic],
    ]);
    const gattService: WebBluetoothService = {
      uuid: service,
      getCharacteristic: async (uuid) => {
        this.check();
        const found = characteristics.get(uuid);
        if (!found) throw domError("NotFoundError", `No Characteristics matching UUID ${uuid} found in Service.`);
        return found;
      },
    };
    const isConnected = (): boolean => this.connected;
    const server: WebBluetoothGattServer = {
      get connected() {
        return isConnected();
      },
      connect: async () => {
        if (!this.inRange) throw domError("NetworkError", "Connection failed for unknown reason.");
        this.connected = true;
        this.connects++;
        return server;
      },
      disconnect: () => this.drop(),
      getPrimaryService: async (uuid) => {
        this.check();
        if (uuid !== service) throw domError("NotFoundError", `No Services matching UUID ${uuid} found in Device.`);
        return gattService;
      },
    };
    this.gatt = server;
    this.peer = new BleModuleEnd((data) => this.notify(data), `fake module ${this.name}`);
  }

  /** Lets a simulator host answer: GATT writes go to it, its notifications to the notify characteristic. */
  attachHost(host: BlePeripheralHost): this {
    this.host = host;
    host.onNotify((chunk) => {
      this.notificationSizes.push(chunk.length);
      this.notifyCharacteristic.fire(chunk);
    });
    return this;
  }

  /** Rejects GATT operations while disconnected, as the browser does. */
  check(): void {
    if (!this.connected) throw domError("NetworkError", "GATT Server is disconnected. Cannot perform GATT operations.");
  }

  /** Sends `data` from the module as notifications of at most the MTU. */
  notify(data: Uint8Array): void {
    for (let at = 0; at < data.length; at += this.mtu) {
      const piece = data.subarray(at, at + this.mtu);
      this.notificationSizes.push(piece.length);
      this.notifyCharacteristic.fire(piece);
    }
  }

  /** The connection ends (by disconnect() or out of range): `gattserverdisconnected` fires. */
  drop(): void {
    if (!this.connected) return;
    this.connected = false;
    this.notifyCharacteristic.notifying = false;
    this.dispatchEvent(new Event("gattserverdisconnected"));
  }
}

/** `navigator.bluetooth` with a list of peripherals; the picker picks the first that matches. */
export class FakeBluetooth extends EventTarget implements WebBluetooth {
  readonly peripherals: FakePeripheral[] = [];
  readonly requests: WebBluetoothRequestOptions[] = [];
  /** The next requestDevice() rejects with this DOMException name (a cancelled picker: NotFoundError). */
  failNext: string | undefined;
  available = true;

  add(peripheral: FakePeripheral): FakePeripheral {
    this.peripherals.push(peripheral);
    return peripheral;
  }

  async requestDevice(options: WebBluetoothRequestOptions): Promise<WebBluetoothDevice> {
    this.requests.push(JSON.parse(JSON.stringify(options)) as WebBluetoothRequestOptions);
    if (this.failNext) {
      const name = this.failNext;
      this.failNext = undefined;
      throw domError(name, "User cancelled the requestDevice() chooser.");
    }
    const match = this.peripherals.find(
      (p) =>
        options.acceptAllDevices ||
        (options.filters ?? []).some(
          (f) => (f.services ?? []).every((s) => bleUuid(s) === bleUuid(p.profile.service)) && (f.namePrefix === undefined || p.name.startsWith(f.namePrefix)),
        ),
    );
    if (!match) throw domError("NotFoundError", "User cancelled the requestDevice() chooser.");
    return match;
  }

  async getAvailability(): Promise<boolean> {
    return this.available;
  }
}

/** Throws unless `error` is a BattError with `code`; returns it. */
export function expectBattError(error: unknown, code: string): BattError {
  if (!(error instanceof BattError) || error.code !== code) throw new Error(`expected a ${code} BattError, got ${String(error)}`);
  return error;
}
