import { BaseTransport, BattError, bleLinkSettings, Mutex, splitToMtu, type BleLinkOptions, type BleTransportInfo } from "@batt/core";
import { errorName, errorText } from "./dom-error.js";
import type { WebBluetoothCharacteristic, WebBluetoothDevice, WebBluetoothGattServer } from "./web-bluetooth-types.js";

/** Options of a {@link WebBluetoothTransport}. */
export type WebBluetoothTransportOptions = BleLinkOptions;

/** What a {@link WebBluetoothTransport} reports; `description` reads like `ble SP04S034 jbd`. */
export type WebBluetoothTransportInfo = BleTransportInfo;

/** One connected period: the characteristics in use and how to stop listening. */
interface Session {
  readonly server: WebBluetoothGattServer;
  readonly notify: WebBluetoothCharacteristic;
  readonly write: WebBluetoothCharacteristic;
  readonly unlisten: () => void;
}

/**
 * A BMS's Bluetooth module in the browser through Web Bluetooth (`navigator.bluetooth`). Get the
 * device with `requestBluetoothDevice(kind)` (a picker, from a click).
 *
 * A `stream` transport: the module relays the device's UART both ways, so notifications are pieces
 * of a byte stream (a 34-byte JBD reply arrives as 20 + 14 bytes) that the driver's frame parser
 * reassembles, exactly as over a serial port.
 *
 * - `open()` connects the GATT server, finds the profile's service and characteristics and starts
 *   notifications. It rejects with `not-found` when the device lacks the service or a characteristic
 *   (wrong profile, or the service was not allowed in the picker), `not-open` when the connection fails.
 * - `write()` splits the bytes into writes of at most `mtu` bytes (default 20), one at a time (a GATT
 *   server takes one operation at a time), without response where the characteristic allows it.
 * - A lost connection (`gattserverdisconnected`, out of range, module powered off) ends the session
 *   with a `disconnected` {@link BattError}; a write that fails because the link is gone does too.
 *
 * @example
 * ```ts
 * button.onclick = async () => {
 *   const transport = new WebBluetoothTransport(await requestBluetoothDevice("jbd"), { profile: "jbd" });
 *   await transport.open();
 *   const reading = await new JbdBms(transport).read();
 * };
 * ```
 */
export class WebBluetoothTransport extends BaseTransport {
  /** Profile, MTU and device name. */
  declare info: WebBluetoothTransportInfo;
  /** The Web Bluetooth device. */
  readonly device: WebBluetoothDevice;
  private session: Session | undefined;
  /** One GATT write at a time, pieces of one write() kept together. */
  private readonly writes = new Mutex();

  constructor(device: WebBluetoothDevice, options: WebBluetoothTransportOptions) {
    if (typeof device?.addEventListener !== "function" || !("id" in device)) throw new BattError("invalid-argument", "a WebBluetoothTransport needs a BluetoothDevice");
    const { profile, mtu, writeWithoutResponse } = bleLinkSettings(options);
    const description = `ble ${device.name || device.id} ${profile.id}`;
    const info: WebBluetoothTransportInfo = { description, profile, mtu, writeWithoutResponse, ...(device.name ? { product: device.name } : {}) };
    super("stream", info);
    this.device = device;
  }

  protected async doOpen(): Promise<void> {
    const gatt = this.device.gatt;
    if (!gatt) throw new BattError("not-open", `cannot open ${this.info.description}: the device has no GATT server this page may use`);
    const { profile } = this.info;
    let server: WebBluetoothGattServer;
    try {
      server = gatt.connected ? gatt : await gatt.connect();
    } catch (error) {
      throw new BattError("not-open", `cannot connect to ${this.info.description}: ${errorText(error)} (out of range, powered off or connected to another phone or program)`, { cause: error });
    }
    try {
      const service = await server.getPrimaryService(profile.service).catch((error: unknown) => {
        throw attributeError(`service ${profile.service}`, this.info.description, error);
      });
      const find = (uuid: string) =>
        service.getCharacteristic(uuid).catch((error: unknown) => {
          throw attributeError(`characteristic ${uuid}`, this.info.description, error);
        });
      const notify = await find(profile.notify);
      const write = profile.write === profile.notify ? notify : await find(profile.write);
      const onValue = (event: Event): void => {
        const value = (event.target as WebBluetoothCharacteristic | null)?.value ?? notify.value;
        // A copy: the browser may reuse the buffer for the next notification.
        if (value) this.receive(new Uint8Array(value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength)));
      };
      const onGone = (): void => this.drop(new Error("the Bluetooth connection was lost"));
      notify.addEventListener("characteristicvaluechanged", onValue);
      this.device.addEventListener("gattserverdisconnected", onGone);
      const unlisten = (): void => {
        notify.removeEventListener("characteristicvaluechanged", onValue);
        this.device.removeEventListener("gattserverdisconnected", onGone);
      };
      this.session = { server, notify, write, unlisten };
      try {
        await notify.startNotifications();
      } catch (error) {
        this.session = undefined;
        unlisten();
        throw new BattError("not-open", `cannot start notifications on ${this.info.description}: ${errorText(error)}`, { cause: error });
      }
    } catch (error) {
      server.disconnect();
      throw error;
    }
  }

  protected async doClose(): Promise<void> {
    const session = this.session;
    this.session = undefined;
    if (!session) return;
    session.unlisten();
    // Unsubscribing first leaves the module quiet for the next connection; it fails harmlessly when the link is gone.
    await session.notify.stopNotifications().catch(() => undefined);
    if (session.server.connected) session.server.disconnect();
  }

  protected async doWrite(data: Uint8Array): Promise<void> {
    await this.writes.run(async () => {
      for (const piece of splitToMtu(data, this.info.mtu)) {
        const session = this.session;
        if (!session) throw new BattError("not-open", `${this.info.description} is not open`);
        try {
          await writePiece(session.write, piece, this.info.writeWithoutResponse);
        } catch (error) {
          const gone = !session.server.connected || errorName(error) === "NetworkError";
          const failure = new BattError(gone ? "disconnected" : "unexpected-reply", `write to ${this.info.description} failed: ${errorText(error)}`, { cause: error });
          if (gone) this.drop(failure);
          throw failure;
        }
      }
    });
  }

  /** Ends the session after the connection went away on its own. */
  private drop(cause: unknown): void {
    const session = this.session;
    if (!session) return;
    this.session = undefined;
    session.unlisten();
    this.lost(cause);
  }
}

/** One GATT write of at most the MTU, with the write kind the characteristic and the options allow. */
async function writePiece(characteristic: WebBluetoothCharacteristic, piece: Uint8Array, withoutResponse: boolean): Promise<void> {
  // A copy in its own ArrayBuffer: the browser takes a BufferSource, and the caller may reuse its buffer.
  const value = piece.slice();
  const props = characteristic.properties;
  if (withoutResponse && props.writeWithoutResponse && characteristic.writeValueWithoutResponse) return characteristic.writeValueWithoutResponse(value);
  if (props.write && characteristic.writeValueWithResponse) return characteristic.writeValueWithResponse(value);
  if (characteristic.writeValueWithoutResponse && props.writeWithoutResponse) return characteristic.writeValueWithoutResponse(value);
  if (characteristic.writeValue) return characteristic.writeValue(value);
  throw new BattError("unsupported", `characteristic ${characteristic.uuid} cannot be written`);
}

/** `not-found` when the device has no such service or characteristic, `disconnected` when the link went away meanwhile. */
function attributeError(what: string, description: string, error: unknown): BattError {
  const name = errorName(error);
  if (name === "NetworkError") return new BattError("disconnected", `${description} disconnected while looking for ${what}: ${errorText(error)}`, { cause: error });
  const hint = name === "SecurityError" ? " (not allowed: pass the service in the picker's optionalServices)" : " (another kind of module, or another profile is needed)";
  return new BattError("not-found", `${description} has no ${what}: ${errorText(error)}${hint}`, { cause: error });
}
