// Runs in the Chromium page of web-bluetooth-chromium.test.ts, against Chromium's own Web Bluetooth
// stack with an emulated adapter and peripheral (DevTools BluetoothEmulation, driven from Node).
// Exposed as `globalThis.battBleTest`.
import { bleGattProfile, bleUuid, isBattError, type DeviceReading, type Transport } from "@batt/core";
import { JbdBms } from "@batt/jbd";
import { JkEb90Bms } from "@batt/jk";
import { hasWebBluetooth, requestBluetoothDevice, WebBluetoothTransport, type WebBluetoothCharacteristic } from "../../src/index.js";

/** What the page reports back to Node. */
export interface BlePageResult {
  readonly hasWebBluetooth: boolean;
  readonly description?: string;
  readonly reading?: unknown;
  readonly longWrite?: boolean;
  readonly error?: { code: string; message: string };
  readonly closeReason?: { code: string; message: string } | null;
}

/**
 * Chromium 156's BluetoothEmulation domain can answer reads but cannot push a notification. The
 * module's bytes therefore come as the values of reads of the notify characteristic (FF01 has
 * "read" as well as "notify" on the real modules): each read fires the same `characteristicvaluechanged`
 * event a notification fires, on the same characteristic object, which is what the transport listens to.
 */
function readLoop(characteristic: WebBluetoothCharacteristic & { readValue(): Promise<DataView> }): () => void {
  let running = true;
  void (async () => {
    while (running) {
      try {
        await characteristic.readValue();
      } catch {
        return;
      }
    }
  })();
  return () => {
    running = false;
  };
}

/** Picks the module of `kind`, opens the transport, reads with `read`, writes 45 bytes, closes. */
async function readOver(kind: "jbd" | "jk", read: (transport: Transport) => Promise<DeviceReading<unknown>>): Promise<BlePageResult> {
  const result: { -readonly [K in keyof BlePageResult]: BlePageResult[K] } = { hasWebBluetooth: hasWebBluetooth() };
  try {
    const profile = bleGattProfile(kind)!;
    const device = await requestBluetoothDevice(kind);
    const transport = new WebBluetoothTransport(device, { profile: kind });
    result.description = transport.info.description;
    await transport.open();
    const closed = new Promise<BlePageResult["closeReason"]>((resolve) => transport.onClose((r) => resolve(r ? { code: r.code, message: r.message } : null)));
    const service = await device.gatt!.getPrimaryService(bleUuid(profile.service));
    const notify = (await service.getCharacteristic(bleUuid(profile.notify))) as WebBluetoothCharacteristic & { readValue(): Promise<DataView> };
    const stop = readLoop(notify);
    result.reading = JSON.parse(JSON.stringify(await read(transport)));
    stop();
    // A write longer than the MTU: the emulated peripheral sees it in 20-byte pieces.
    if (kind === "jbd") {
      await transport.write(Uint8Array.from({ length: 45 }, (_, i) => i));
      result.longWrite = true;
    }
    await transport.close();
    result.closeReason = await closed;
  } catch (error) {
    result.error = isBattError(error) ? { code: error.code, message: error.message } : { code: "not a BattError", message: String(error) };
  }
  return result;
}

/** Opens the JBD module and waits for the link to be lost (Node takes it away once `opened` is set). */
async function loseJbd(): Promise<unknown> {
  const api = (globalThis as unknown as { battBleTest: { opened?: boolean } }).battBleTest;
  const transport = new WebBluetoothTransport(await requestBluetoothDevice("jbd"), { profile: "jbd" });
  await transport.open();
  const closed = new Promise<{ code: string; message: string } | null>((resolve) => transport.onClose((r) => resolve(r ? { code: r.code, message: r.message } : null)));
  api.opened = true;
  const reason = await closed;
  let write: { code: string; message: string } | null = null;
  await transport.write(Uint8Array.of(0xdd, 0xa5, 0x03, 0x00, 0xff, 0xfd, 0x77)).catch((error: unknown) => {
    write = isBattError(error) ? { code: error.code, message: error.message } : { code: String(error), message: "" };
  });
  return { reason, isOpen: transport.isOpen, write };
}

const readJbd = (): Promise<BlePageResult> => readOver("jbd", (t) => new JbdBms(t, { minGapMs: 0, timeoutMs: 3000 }).read());
const readJk = (): Promise<BlePageResult> => readOver("jk", (t) => new JkEb90Bms(t, { minGapMs: 0, timeoutMs: 3000 }).read());

(globalThis as unknown as { battBleTest: Record<string, () => Promise<unknown>> }).battBleTest = { readJbd, readJk, loseJbd };
