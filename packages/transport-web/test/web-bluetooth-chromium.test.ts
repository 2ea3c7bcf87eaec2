import { fileURLToPath } from "node:url";
import { BLE_GATT_PROFILES, bleUuid, type BleGattProfile } from "@batt/core";
import { BlePeripheralHost, type AttachableSimulator } from "@batt/core/simulator";
import { JbdSimulator } from "@batt/jbd/simulator";
import { JkEb90Simulator } from "@batt/jk/simulator";
import { chromium, type Browser, type CDPSession, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BlePageResult } from "./browser/ble-page.js";
import { bundleForBrowser, CHROMIUM_ARGS, servePage, type PageServer } from "./browser/harness.js";

// WebBluetoothTransport in real Chromium (Debian chromium 156, headless) against an emulated adapter and
// peripheral: the DevTools protocol's BluetoothEmulation domain (enable, simulatePreconnectedPeripheral,
// addService, addCharacteristic, gattOperationReceived / characteristicOperationReceived answered with
// simulate…Response) and DeviceAccess to pick the device in the chooser. The peripheral's bytes come from
// the JBD simulator behind a BlePeripheralHost here in Node, cut to 20-byte pieces.


let browser: Browser;
let server: PageServer;
let page: Page;
/** The page's DevTools session (DeviceAccess: the chooser) and the browser's (BluetoothEmulation lives on the browser target). */
let cdp: CDPSession;
let bp: CDPSession;
const pageErrors: string[] = [];

interface Peripheral {
  readonly writes: { bytes: number[]; writeType: string }[];
  readonly operations: string[];
  readonly chunks: number[][];
}

interface Peripheral {
  readonly writes: { bytes: number[]; writeType: string }[];
  readonly operations: string[];
  readonly chunks: number[][];
}

beforeAll(async () => {
  const script = await bundleForBrowser(fileURLToPath(new URL("./browser/ble-page.ts", import.meta.url)));
  // Linux builds ship Web Bluetooth behind a flag: navigator.bluetooth exists only with it.
  const launch = chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: [...CHROMIUM_ARGS, "--enable-features=WebBluetooth", "--enable-experimental-web-platform-features"] });
  [browser, server] = await Promise.all([launch, servePage(script)]);
  page = await browser.newPage();
  page.on("pageerror", (error) => pageErrors.push(error.message));
  await page.goto(server.url);
  await page.waitForFunction(() => "battBleTest" in globalThis, undefined, { polling: 50 });
  cdp = await page.context().newCDPSession(page);
  bp = await browser.newBrowserCDPSession();
  // The prompt is reported again as devices are found: answer each request once, when a device is listed
  // (a second selectPrompt for a settled request trips a CHECK in Chromium's chooser controller).
  const answered = new Set<string>();
  await cdp.send("DeviceAccess.enable");
  cdp.on("DeviceAccess.deviceRequestPrompted", (event) => {
    const device = event.devices[0];
    if (!device || answered.has(event.id)) return;
    answered.add(event.id);
    cdp.send("DeviceAccess.selectPrompt", { id: event.id, deviceId: device.id }).catch(() => undefined);
  });
  await bp.send("BluetoothEmulation.enable", { state: "powered-on", leSupported: true });
  bp.on("BluetoothEmulation.gattOperationReceived", (event) => {
    if (process.env.BLE_DEBUG) console.log("gatt op", event.address, event.type);
    gattOperations.push(`${event.address} ${event.type}`);
    void bp.send("BluetoothEmulation.simulateGATTOperationResponse", { address: event.address, type: event.type, code: 0 });
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const gattOperations: string[] = [];

/** Emulates a Bluetooth module with `profile`'s service whose UART side is `simulator`. */
async function emulateModule(address: string, name: string, profile: BleGattProfile, simulator: AttachableSimulator): Promise<Peripheral> {
  const peripheral: Peripheral = { writes: [], operations: [], chunks: [] };
  const host = new BlePeripheralHost(simulator);
  await host.start();
  const queue: Uint8Array[] = [];
  const pendingReads: (() => void)[] = [];
  host.onNotify((chunk) => {
    queue.push(chunk);
    pendingReads.shift()?.();
  });
  const service = bleUuid(profile.service);
  await bp.send("BluetoothEmulation.simulatePreconnectedPeripheral", { address, name, manufacturerData: [], knownServiceUuids: [service] });
  const { serviceId } = await bp.send("BluetoothEmulation.addService", { address, serviceUuid: service });
  const same = bleUuid(profile.notify) === bleUuid(profile.write);
  const { characteristicId: notifyId } = await bp.send("BluetoothEmulation.addCharacteristic", {
    serviceId,
    characteristicUuid: bleUuid(profile.notify),
    properties: { read: true, notify: true, ...(same ? { write: true, writeWithoutResponse: true } : {}) },
  });
  // The Client Characteristic Configuration descriptor: without it Chromium refuses startNotifications() ("GATT Error: Not supported").
  await bp.send("BluetoothEmulation.addDescriptor", { characteristicId: notifyId, descriptorUuid: bleUuid("2902") });
  const writeId = same
    ? notifyId
    : (await bp.send("BluetoothEmulation.addCharacteristic", { serviceId, characteristicUuid: bleUuid(profile.write), properties: { write: true, writeWithoutResponse: true } })).characteristicId;

  bp.on("BluetoothEmulation.characteristicOperationReceived", (event) => {
    if (event.characteristicId !== notifyId && event.characteristicId !== writeId) return;
    if (process.env.BLE_DEBUG) console.log("char op", name, event.type, event.writeType, event.data);
    peripheral.operations.push(event.type);
    const respond = (data?: Uint8Array): void =>
      void bp
        .send("BluetoothEmulation.simulateCharacteristicOperationResponse", {
          characteristicId: event.characteristicId,
          type: event.type,
          code: 0,
          ...(data ? { data: Buffer.from(data).toString("base64") } : {}),
        })
        .catch(() => undefined);
    if (event.type === "write") {
      const bytes = Uint8Array.from(Buffer.from(event.data ?? "", "base64"));
      peripheral.writes.push({ bytes: [...bytes], writeType: event.writeType ?? "" });
      if (event.writeType !== "write-without-response") respond();
      void host.write(bytes);
    } else if (event.type === "read") {
      // The next piece of the module's output; a read waits until there is one.
      const answer = (): void => {
        const chunk = queue.shift()!;
        peripheral.chunks.push([...chunk]);
        respond(chunk);
      };
      if (queue.length > 0) answer();
      else pendingReads.push(answer);
    } else {
      respond();
    }
  });
  return peripheral;
}

type PageCall = "readJbd" | "readJk";
const runInPage = (call: PageCall): Promise<BlePageResult> =>
  page.evaluate((name) => (globalThis as unknown as { battBleTest: Record<string, () => Promise<unknown>> }).battBleTest[name]!(), call) as Promise<BlePageResult>;

describe("WebBluetoothTransport in Chromium with an emulated Bluetooth adapter (DevTools BluetoothEmulation)", () => {
  it("connects to an emulated JBD module through the chooser and reads the pack with the unchanged JBD driver", async () => {
    const peripheral = await emulateModule("09:09:09:09:09:01", "SP04S034", BLE_GATT_PROFILES.jbd, new JbdSimulator());
    const result = await runInPage("readJbd");
    expect(result.error, JSON.stringify({ result, operations: peripheral.operations, gattOperations, pageErrors })).toBeUndefined();
    expect(result.hasWebBluetooth).toBe(true);
    expect(result.description).toBe("ble SP04S034 jbd");
    const reading = result.reading as { device: { driver: string }; batteries: { current: number; soc: number; cellVoltages: number[]; fullCapacity: number }[] };
    expect(reading.device.driver).toBe("jbd");
    expect(reading.batteries[0]).toMatchObject({ current: -2.5, soc: 60, fullCapacity: 100 });
    expect(reading.batteries[0]?.cellVoltages).toHaveLength(4);
    // The GATT traffic: connection, discovery, the subscription, 7-byte DD … 77 requests, 20-byte pieces back.
    expect(gattOperations).toEqual(expect.arrayContaining(["09:09:09:09:09:01 connection", "09:09:09:09:09:01 discovery"]));
    expect(peripheral.operations).toContain("subscribe-to-notifications");
    const requests = peripheral.writes.filter((w) => w.bytes[0] === 0xdd);
    expect(requests.length).toBeGreaterThanOrEqual(2);
    expect(requests.every((w) => w.bytes.length === 7 && w.bytes[6] === 0x77 && w.writeType === "write-without-response")).toBe(true);
    expect(peripheral.chunks.every((c) => c.length <= 20)).toBe(true);
    expect(peripheral.chunks.some((c) => c.length === 20)).toBe(true);
    // The 45-byte write arrived as 20 + 20 + 5.
    expect(result.longWrite).toBe(true);
    expect(peripheral.writes.slice(-3).map((w) => w.bytes.length)).toEqual([20, 20, 5]);
    expect(result.closeReason).toBeNull();
  });

  it("connects to an emulated JK module (one FFE1 characteristic) and reads the pack with JkEb90Bms (55 AA EB 90)", async () => {
    const peripheral = await emulateModule("09:09:09:09:09:02", "JK-B2A24S", BLE_GATT_PROFILES.jk, new JkEb90Simulator());
    const result = await runInPage("readJk");
    expect(result.error, JSON.stringify({ result, operations: peripheral.operations, pageErrors })).toBeUndefined();
    expect(result.description).toBe("ble JK-B2A24S jk");
    const reading = result.reading as { device: Record<string, string>; batteries: { soc: number; current: number; cellVoltages: number[] }[] };
    expect(reading.device).toMatchObject({ driver: "jk", model: "JK_PB2A16S20P", serial: "SIM00000001", firmware: "19.05" });
    expect(reading.batteries[0]).toMatchObject({ soc: 50, current: 0 });
    expect(reading.batteries[0]?.cellVoltages).toHaveLength(16);
    expect(peripheral.writes.filter((w) => w.bytes[0] === 0xaa).every((w) => w.bytes.length === 20)).toBe(true);
    expect(peripheral.chunks.filter((c) => c.length === 20).length).toBeGreaterThanOrEqual(15);
  });

  it("the link taken away (simulateGATTDisconnection) ends the session with a disconnected error; a write then rejects with not-open", async () => {
    const losing = page.evaluate(() => (globalThis as unknown as { battBleTest: { loseJbd(): Promise<unknown> } }).battBleTest.loseJbd());
    await page.waitForFunction(() => (globalThis as unknown as { battBleTest: { opened?: boolean } }).battBleTest.opened === true, undefined, { polling: 20 });
    await bp.send("BluetoothEmulation.simulateGATTDisconnection", { address: "09:09:09:09:09:01" });
    expect(await losing).toEqual({
      reason: { code: "disconnected", message: "ble SP04S034 jbd disconnected: the Bluetooth connection was lost" },
      isOpen: false,
      write: { code: "not-open", message: "ble SP04S034 jbd is not open" },
    });
  });
});
