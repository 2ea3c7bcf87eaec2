import { BLE_GATT_PROFILES, isBattError, type BattError } from "@batt/core";
import { BlePeripheralHost } from "@batt/core/simulator";
import { collect, ManualClock, transportContract } from "@batt/core/testing";
import { JbdBms } from "@batt/jbd";
import { JbdSimulator } from "@batt/jbd/simulator";
import { JkEb90Bms } from "@batt/jk";
import { JkEb90Simulator } from "@batt/jk/simulator";
import { afterEach, describe, expect, it } from "vitest";
import { bluetoothAvailable, bluetoothRequestOptions, hasWebBluetooth, requestBluetoothDevice, WebBluetoothTransport } from "../src/index.js";
import { FakeBluetooth, FakePeripheral } from "./ble/fake-web-bluetooth.js";

// WebBluetoothTransport over a navigator.bluetooth double, in Node (the transport uses only the Web
// Bluetooth API and EventTarget); the same transport runs in real Chromium in web-bluetooth-chromium.test.ts.

const jbd = BLE_GATT_PROFILES.jbd;
const jk = BLE_GATT_PROFILES.jk;

function install(bluetooth: FakeBluetooth | undefined): void {
  // Node 20 has no navigator; the page's navigator is replaced by one with only `bluetooth`.
  Object.defineProperty(globalThis, "navigator", { value: bluetooth ? { bluetooth } : {}, configurable: true, writable: true });
}

afterEach(() => install(undefined));

const failure = (promise: Promise<unknown>): Promise<BattError> =>
  promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: unknown) => {
      if (!isBattError(error)) throw error;
      return error;
    },
  );

for (const profile of [jbd, jk]) {
  describe(`transport contract: WebBluetoothTransport over a ${profile.id} module double (${profile.notify === profile.write ? "one characteristic" : "notify + write characteristics"})`, () => {
    const cases = transportContract(async () => {
      const peripheral = new FakePeripheral(`${profile.id.toUpperCase()}-TEST`, profile);
      await peripheral.peer.open();
      return { a: new WebBluetoothTransport(peripheral, { profile: profile.id }), b: peripheral.peer, cut: () => peripheral.drop() };
    });
    for (const c of cases) it(c.name, c.run);
  });
}

describe("WebBluetoothTransport", () => {
  it("splits writes to the MTU (20 bytes by default, or as configured), one GATT write at a time, without response", async () => {
    const peripheral = new FakePeripheral("SP04S001", jbd, 64);
    await peripheral.peer.open();
    const transport = new WebBluetoothTransport(peripheral, { profile: "jbd" });
    expect(transport.info).toMatchObject({ description: "ble SP04S001 jbd", mtu: 20, writeWithoutResponse: true, product: "SP04S001" });
    expect(transport.info.profile).toMatchObject({ service: "0000ff00-0000-1000-8000-00805f9b34fb", notify: "0000ff01-0000-1000-8000-00805f9b34fb", write: "0000ff02-0000-1000-8000-00805f9b34fb" });
    await transport.open();
    const bytes = Uint8Array.from({ length: 45 }, (_, i) => i);
    await Promise.all([transport.write(bytes), transport.write(Uint8Array.of(0xee))]);
    expect(peripheral.writes.map((w) => w.bytes.length)).toEqual([20, 20, 5, 1]);
    expect(peripheral.writes.flatMap((w) => w.bytes)).toEqual([...bytes, 0xee]);
    expect(new Set(peripheral.writes.map((w) => w.kind))).toEqual(new Set(["without-response"]));
    await transport.close();

    const wide = new WebBluetoothTransport(peripheral, { profile: "jbd", mtu: 40, writeWithoutResponse: false });
    await wide.open();
    peripheral.writes.length = 0;
    await wide.write(bytes);
    expect(peripheral.writes).toEqual([
      { bytes: [...bytes.subarray(0, 40)], kind: "with-response" },
      { bytes: [...bytes.subarray(40)], kind: "with-response" },
    ]);
    await wide.close();
  });

  it("delivers each notification as one chunk, in order (the driver's parser reassembles frames)", async () => {
    const peripheral = new FakePeripheral("JK-B2A24S", jk);
    await peripheral.peer.open();
    const transport = new WebBluetoothTransport(peripheral, { profile: jk });
    await transport.open();
    const frame = Uint8Array.from({ length: 300 }, (_, i) => (i * 7) & 0xff);
    const got = collect(transport, frame.length);
    await peripheral.peer.write(frame);
    const chunks = await got;
    expect(chunks.map((c) => c.length)).toEqual([...Array(15).fill(20)]);
    expect(Uint8Array.from(chunks.flatMap((c) => [...c]))).toEqual(frame);
    await transport.close();
  });

  it("rejects bad settings at construction: an unknown profile, an MTU outside 1–512, something that is not a device", () => {
    const peripheral = new FakePeripheral("SP04S001", jbd);
    expect(() => new WebBluetoothTransport(peripheral, { profile: "daly" as "jbd" })).toThrow(expect.objectContaining({ code: "invalid-argument" }));
    expect(() => new WebBluetoothTransport(peripheral, { profile: "jbd", mtu: 0 })).toThrow(expect.objectContaining({ code: "invalid-argument" }));
    expect(() => new WebBluetoothTransport(peripheral, { profile: "jbd", mtu: 513 })).toThrow(/1 to 512/);
    expect(() => new WebBluetoothTransport({} as FakePeripheral, { profile: "jbd" })).toThrow(expect.objectContaining({ code: "invalid-argument" }));
  });

  it("a module without the profile's service rejects open() with not-found and is disconnected again", async () => {
    const other = new FakePeripheral("JK-B2A24S", jk);
    const transport = new WebBluetoothTransport(other, { profile: "jbd" });
    const error = await failure(transport.open());
    expect(error.code).toBe("not-found");
    expect(error.message).toMatch(/has no service 0000ff00-0000-1000-8000-00805f9b34fb/);
    expect(other.connected).toBe(false);
    expect(transport.isOpen).toBe(false);
  });

  it("a module out of range rejects open() with not-open", async () => {
    const peripheral = new FakePeripheral("SP04S001", jbd);
    peripheral.inRange = false;
    const error = await failure(new WebBluetoothTransport(peripheral, { profile: "jbd" }).open());
    expect(error.code).toBe("not-open");
    expect(error.message).toMatch(/cannot connect to ble SP04S001 jbd: NetworkError/);
  });

  it("a lost connection ends the session with a disconnected error; a write during the loss fails as disconnected too", async () => {
    const peripheral = new FakePeripheral("SP04S001", jbd);
    await peripheral.peer.open();
    const transport = new WebBluetoothTransport(peripheral, { profile: "jbd" });
    await transport.open();
    const reasons: (BattError | undefined)[] = [];
    transport.onClose((reason) => reasons.push(reason));
    // The link drops between the pieces of one write: the write fails, the session ends once.
    const original = peripheral.writeCharacteristic.writeValueWithoutResponse;
    let pieces = 0;
    peripheral.writeCharacteristic.writeValueWithoutResponse = async (value) => {
      if (++pieces === 2) peripheral.drop();
      return original(value);
    };
    const error = await failure(transport.write(new Uint8Array(50)));
    expect(error.code).toBe("disconnected");
    expect(error.message).toMatch(/write to ble SP04S001 jbd failed: NetworkError/);
    expect(reasons).toHaveLength(1);
    expect(reasons[0]?.code).toBe("disconnected");
    expect(transport.isOpen).toBe(false);
    expect((await failure(transport.write(Uint8Array.of(1)))).code).toBe("not-open");
  });

  it("close() stops notifications and disconnects; notifications after that are not delivered", async () => {
    const peripheral = new FakePeripheral("SP04S001", jbd);
    await peripheral.peer.open();
    const transport = new WebBluetoothTransport(peripheral, { profile: "jbd" });
    await transport.open();
    let seen = 0;
    transport.onData(() => seen++);
    await transport.close();
    expect(peripheral.connected).toBe(false);
    expect(peripheral.notifyCharacteristic.notifying).toBe(false);
    await peripheral.peer.write(Uint8Array.of(1, 2, 3));
    expect(seen).toBe(0);
  });
});

describe("requestBluetoothDevice and feature detection", () => {
  it("without navigator.bluetooth: hasWebBluetooth() is false and the picker rejects with unsupported", async () => {
    install(undefined);
    expect(hasWebBluetooth()).toBe(false);
    expect(await bluetoothAvailable()).toBe(false);
    const error = await failure(requestBluetoothDevice("jbd"));
    expect(error.code).toBe("unsupported");
    expect(error.message).toMatch(/no Web Bluetooth/);
  });

  it("offers devices by the profile's service or name prefixes, with the service allowed; a closed picker is not-found", async () => {
    const bluetooth = new FakeBluetooth();
    install(bluetooth);
    expect(hasWebBluetooth()).toBe(true);
    expect(await bluetoothAvailable()).toBe(true);
    const module = bluetooth.add(new FakePeripheral("SP04S001", jbd));
    expect(await requestBluetoothDevice("jbd")).toBe(module);
    expect(bluetooth.requests[0]).toEqual({
      filters: [{ services: ["0000ff00-0000-1000-8000-00805f9b34fb"] }, { namePrefix: "SP" }, { namePrefix: "GJ-" }, { namePrefix: "SX1" }, { namePrefix: "xiaoxiang" }, { namePrefix: "JBD" }],
      optionalServices: ["0000ff00-0000-1000-8000-00805f9b34fb"],
    });
    expect(bluetoothRequestOptions("jk", { namePrefixes: ["BMS-"] })).toEqual({
      filters: [{ services: ["0000ffe0-0000-1000-8000-00805f9b34fb"] }, { namePrefix: "JK-" }, { namePrefix: "JK_" }, { namePrefix: "JK" }, { namePrefix: "BMS-" }],
      optionalServices: ["0000ffe0-0000-1000-8000-00805f9b34fb"],
    });
    expect(bluetoothRequestOptions(jk, { acceptAllDevices: true })).toEqual({ acceptAllDevices: true, optionalServices: ["0000ffe0-0000-1000-8000-00805f9b34fb"] });
    bluetooth.failNext = "NotFoundError";
    expect(await failure(requestBluetoothDevice("jbd"))).toMatchObject({ code: "not-found", message: "no Bluetooth device was selected" });
    bluetooth.failNext = "SecurityError";
    expect((await failure(requestBluetoothDevice("jbd"))).code).toBe("unsupported");
  });
});

describe("JBD over Bluetooth: the unchanged JBD driver through WebBluetoothTransport, the simulator behind a BLE module host", () => {
  async function rig(mtu = 20) {
    const clock = new ManualClock();
    const simulator = new JbdSimulator({ clock });
    const host = new BlePeripheralHost(simulator, { mtu });
    await host.start();
    const peripheral = new FakePeripheral("SP04S034", jbd, mtu).attachHost(host);
    const transport = new WebBluetoothTransport(peripheral, { profile: "jbd", mtu });
    await transport.open();
    const bms = new JbdBms(transport, { clock, minGapMs: 0, timeoutMs: 1000 });
    return { clock, simulator, host, peripheral, transport, bms };
  }

  it("reads the pack: replies arrive as 20-byte notifications and the DD … 77 parser reassembles them", async () => {
    const { peripheral, transport, bms, host } = await rig();
    const reading = await bms.read();
    expect(reading.device).toMatchObject({ driver: "jbd", category: "bms" });
    const [pack] = reading.batteries;
    expect(pack).toMatchObject({ current: -2.5, soc: 60, fullCapacity: 100, temperatures: [25, 25], chargeAllowed: true, dischargeAllowed: true, alarms: [] });
    expect(pack?.cellVoltages).toHaveLength(4);
    expect(pack?.voltage).toBeCloseTo(pack!.cellVoltages.reduce((a, b) => a + b, 0), 1);
    // Requests are 7 bytes (one write each); the basic-info reply is 34 + 4n bytes, so at least one reply needed two notifications.
    expect(peripheral.writes.every((w) => w.bytes.length === 7 && w.bytes[0] === 0xdd && w.bytes[6] === 0x77)).toBe(true);
    expect(peripheral.notificationSizes.every((n) => n <= 20)).toBe(true);
    expect(peripheral.notificationSizes.filter((n) => n === 20).length).toBeGreaterThan(0);
    expect(host.notifications).toBe(peripheral.notificationSizes.length);
    expect(bms.counters).toMatchObject({ timeouts: 0, checksumErrors: 0 });
    await transport.close();
  });

  it("the same reading as over an in-memory UART, for the same simulated pack", async () => {
    const ble = await rig();
    const overBle = await ble.bms.read();
    const { createMemoryLink } = await import("@batt/core");
    const clock = new ManualClock();
    const { host, device } = createMemoryLink();
    await Promise.all([host.open(), device.open()]);
    new JbdSimulator({ clock }).attach(device);
    const overUart = await new JbdBms(host, { clock, minGapMs: 0 }).read();
    expect(overBle.batteries).toEqual(overUart.batteries);
    expect(overBle.measurements).toEqual(overUart.measurements);
    expect(overBle.reading).toEqual(overUart.reading);
  });

  it("a larger negotiated MTU (185) gives whole replies per notification, and the reading is the same", async () => {
    const small = await rig(20);
    const large = await rig(185);
    const [a, b] = [await small.bms.read(), await large.bms.read()];
    expect(b.batteries).toEqual(a.batteries);
    expect(Math.max(...large.peripheral.notificationSizes)).toBeGreaterThan(20);
    expect(large.peripheral.notificationSizes.length).toBeLessThan(small.peripheral.notificationSizes.length);
  });
});

describe("JK over Bluetooth: JkEb90Bms (55 AA EB 90) through WebBluetoothTransport, the JK simulator behind a BLE module host", () => {
  it("reads the pack from 300-byte frames cut into 20-byte notifications on the one FFE1 characteristic; same as over a UART", async () => {
    const clock = new ManualClock();
    const host = new BlePeripheralHost(new JkEb90Simulator({ clock }));
    await host.start();
    const peripheral = new FakePeripheral("JK-B2A24S", jk).attachHost(host);
    const transport = new WebBluetoothTransport(peripheral, { profile: "jk" });
    await transport.open();
    const reading = await new JkEb90Bms(transport, { clock, minGapMs: 0, timeoutMs: 2000 }).read();
    // AA 55 90 EB commands are 20 bytes: one write each.
    expect(peripheral.writes.every((w) => w.bytes.length === 20 && w.bytes[0] === 0xaa && w.bytes[1] === 0x55)).toBe(true);
    expect(peripheral.notificationSizes.filter((n) => n === 20).length).toBeGreaterThanOrEqual(15);
    expect(peripheral.notificationSizes.every((n) => n <= 20)).toBe(true);

    const { createMemoryLink } = await import("@batt/core");
    const uartClock = new ManualClock();
    const { host: uart, device } = createMemoryLink();
    await Promise.all([uart.open(), device.open()]);
    new JkEb90Simulator({ clock: uartClock }).attach(device);
    const overUart = await new JkEb90Bms(uart, { clock: uartClock, minGapMs: 0 }).read();
    expect(reading.device).toEqual(overUart.device);
    expect(reading.batteries).toEqual(overUart.batteries);
    expect(reading.measurements).toEqual(overUart.measurements);
    expect(reading.device).toMatchObject({ driver: "jk", model: "JK_PB2A16S20P", serial: "SIM00000001", firmware: "19.05", hardware: "19A" });
    expect(reading.batteries[0]).toMatchObject({ soc: 50, current: 0, fullCapacity: 100, temperatures: [25, 25, 25, 25, 25], alarms: [] });
    expect(reading.batteries[0]?.cellVoltages).toHaveLength(16);
    await transport.close();
    await host.stop();
  });
});
