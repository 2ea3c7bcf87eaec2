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

const readJbd = (): Promise<BlePageResult> => readOver("jbd", (t) => new JbdBms(t, { minGapMs: 0, timeoutMs: 3000 }).read());
const readJk = (): Promise<BlePageResult> => readOver("jk", (t) => new JkEb90Bms(t, { minGapMs: 0, timeoutMs: 3000 }).read());

(globalThis as unknown as { battBleTest: Record<string, () => Promise<BlePageResult>> }).battBleTest = { readJbd, readJk };
