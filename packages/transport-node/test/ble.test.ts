import { BLE_GATT_PROFILES, createMemoryLink, isBattError, type BattError, type BleGattProfile } from "@batt/core";
import { BlePeripheralHost } from "@batt/core/simulator";
import { collect, ManualClock, transportContract } from "@batt/core/testing";
import { JbdBms } from "@batt/jbd";
import { JbdSimulator } from "@batt/jbd/simulator";
import { describe, expect, it } from "vitest";
import { BleTransport, isBleTarget, loadNoble, scanBleDevices } from "../src/index.js";
import { FakeNoble, FakeNoblePeripheral } from "../src/testing/index.js";

// The Node BLE transport against a double of @stoprocent/noble's API: these machines have no Bluetooth
// adapter, so nothing here talks to a radio.

const jbd = BLE_GATT_PROFILES.jbd;
const jk = BLE_GATT_PROFILES.jk;

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

/** Lets setImmediate/microtask work run (the double reports discoveries on setImmediate). */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

for (const profile of [jbd, jk]) {
  describe(`transport contract: BleTransport over a noble double, ${profile.id} module`, () => {
    const cases = transportContract(async () => {
      const noble = new FakeNoble();
      noble.add(new FakeNoblePeripheral("a4:c1:38:00:00:02", "OTHER", profile));
      const peripheral = noble.add(new FakeNoblePeripheral("a4:c1:38:00:00:01", `${profile.id.toUpperCase()}-TEST`, profile));
      await peripheral.peer.open();
      return { a: new BleTransport({ device: "A4:C1:38:00:00:01", profile: profile.id, noble }), b: peripheral.peer, cut: () => peripheral.drop() };
    });
    for (const c of cases) it(c.name, c.run);
  });
}

describe("BleTransport (Node, noble double)", () => {
  async function opened(options: { mtu?: number; writeWithoutResponse?: boolean; device?: string } = {}, profile: BleGattProfile = jbd) {
    const noble = new FakeNoble();
    const peripheral = noble.add(new FakeNoblePeripheral("a4:c1:38:00:00:01", "SP04S034", profile, 185));
    await peripheral.peer.open();
    const transport = new BleTransport({ device: options.device ?? "SP04S034", profile, noble, ...options });
    await transport.open();
    return { noble, peripheral, transport };
  }

  it("finds the device by name, connects, subscribes, and reports what it found", async () => {
    const { noble, peripheral, transport } = await opened();
    expect(transport.info).toMatchObject({ description: "ble SP04S034 jbd", device: "SP04S034", address: "a4:c1:38:00:00:01", product: "SP04S034", mtu: 20 });
    expect(peripheral.discoveries).toEqual([{ services: ["ff00"], characteristics: ["ff01", "ff02"] }]);
    expect(peripheral.notifyCharacteristic.subscribed).toBe(true);
    expect(noble.scanning).toBe(false);
    await transport.close();
    expect(peripheral.state).toBe("disconnected");
  });

  it("splits writes to the MTU (20 by default, or as configured), keeping concurrent writes whole and in order", async () => {
    const { peripheral, transport } = await opened();
    const bytes = Uint8Array.from({ length: 45 }, (_, i) => i);
    await Promise.all([transport.write(bytes), transport.write(Uint8Array.of(0xee))]);
    expect(peripheral.writes.map((w) => w.bytes.length)).toEqual([20, 20, 5, 1]);
    expect(peripheral.writes.flatMap((w) => w.bytes)).toEqual([...bytes, 0xee]);
    expect(peripheral.writes.every((w) => w.withoutResponse)).toBe(true);
    await transport.close();

    const wide = await opened({ mtu: 32, writeWithoutResponse: false });
    await wide.transport.write(bytes);
    expect(wide.peripheral.writes).toEqual([
      { bytes: [...bytes.subarray(0, 32)], withoutResponse: false },
      { bytes: [...bytes.subarray(32)], withoutResponse: false },
    ]);
    await wide.transport.close();
  });

  it("delivers each notification as one chunk in order; JK's single FFE1 characteristic serves both ways", async () => {
    const { peripheral, transport } = await opened({ device: "a4c138000001" }, jk);
    expect(peripheral.discoveries[0]).toEqual({ services: ["ffe0"], characteristics: ["ffe1"] });
    const frame = Uint8Array.from({ length: 300 }, (_, i) => (i * 13) & 0xff);
    const got = collect(transport, frame.length);
    await peripheral.peer.write(frame);
    const chunks = await got;
    expect(chunks.map((c) => c.length)).toEqual([185, 115]);
    expect(Uint8Array.from(chunks.flatMap((c) => [...c]))).toEqual(frame);
    await transport.close();
  });

  it("a dropped connection ends the session once with a disconnected error; later writes reject with not-open", async () => {
    const { peripheral, transport } = await opened();
    const reasons: (BattError | undefined)[] = [];
    transport.onClose((r) => reasons.push(r));
    peripheral.drop();
    expect(reasons.map((r) => r?.code)).toEqual(["disconnected"]);
    expect(reasons[0]?.message).toMatch(/ble SP04S034 jbd disconnected: the Bluetooth connection was lost/);
    expect((await failure(transport.write(Uint8Array.of(1)))).code).toBe("not-open");
  });

  it("a device not heard within scanTimeoutMs rejects with not-found, and scanning stops", async () => {
    const clock = new ManualClock();
    const noble = new FakeNoble();
    noble.add(new FakeNoblePeripheral("a4:c1:38:00:00:01", "SP04S034", jbd));
    const opening = failure(new BleTransport({ device: "JK-B2A24S", profile: "jk", noble, clock, scanTimeoutMs: 3000 }).open());
    await settle();
    clock.advance(3000);
    const error = await opening;
    expect(error.code).toBe("not-found");
    expect(error.message).toMatch(/no Bluetooth device "JK-B2A24S" heard within 3000 ms/);
    expect(noble.scanning).toBe(false);
  });

  it("a module of another kind (no such service) rejects with not-found and is disconnected", async () => {
    const noble = new FakeNoble();
    const peripheral = noble.add(new FakeNoblePeripheral("a4:c1:38:00:00:01", "JK-B2A24S", jk));
    const error = await failure(new BleTransport({ device: "JK-B2A24S", profile: "jbd", noble }).open());
    expect(error.code).toBe("not-found");
    expect(error.message).toMatch(/has no characteristic 0000ff01-0000-1000-8000-00805f9b34fb/);
    expect(peripheral.state).toBe("disconnected");
  });

  it("a failed connection rejects with not-open", async () => {
    const noble = new FakeNoble();
    noble.add(new FakeNoblePeripheral("a4:c1:38:00:00:01", "SP04S034", jbd)).connectFails = true;
    const error = await failure(new BleTransport({ device: "SP04S034", profile: "jbd", noble }).open());
    expect(error).toMatchObject({ code: "not-open", message: expect.stringMatching(/cannot connect to ble SP04S034 jbd: connection timed out/) });
  });

  it.each([
    ["unsupported", /no Bluetooth Low Energy adapter/],
    ["unauthorized", /cap_net_raw/],
  ] as const)("an adapter in state %s: open() and scans reject at once with unsupported saying why", async (state, message) => {
    const noble = new FakeNoble();
    noble.state = state;
    const error = await failure(new BleTransport({ device: "SP04S034", profile: "jbd", noble }).open());
    expect(error.code).toBe("unsupported");
    expect(error.message).toMatch(message);
    expect(await failure(scanBleDevices({ noble }))).toMatchObject({ code: "unsupported", message: expect.stringMatching(message) });
  });

  it("an adapter reporting poweredOff is given until the deadline (Linux reports it while starting), then unsupported: switched off", async () => {
    const clock = new ManualClock();
    const noble = new FakeNoble();
    noble.state = "poweredOff";
    const opening = failure(new BleTransport({ device: "SP04S034", profile: "jbd", noble, clock }).open());
    await settle();
    clock.advance(4999);
    noble.setState("poweredOff");
    await settle();
    clock.advance(1);
    expect(await opening).toMatchObject({ code: "unsupported", message: expect.stringMatching(/switched off/) });

    // The HCI bindings' start-up sequence: poweredOff, then the real state.
    const starting = new FakeNoble();
    starting.state = "poweredOff";
    const scanning = failure(scanBleDevices({ noble: starting, clock }));
    starting.setState("unsupported");
    expect(await scanning).toMatchObject({ code: "unsupported", message: expect.stringMatching(/no Bluetooth Low Energy adapter/) });
  });

  it("an adapter still starting is waited for (stateChange to poweredOn); one that never reports gives unsupported at the deadline", async () => {
    const noble = new FakeNoble();
    noble.state = "unknown";
    noble.add(new FakeNoblePeripheral("a4:c1:38:00:00:01", "SP04S034", jbd));
    const transport = new BleTransport({ device: "SP04S034", profile: "jbd", noble });
    const opening = transport.open();
    noble.setState("poweredOn");
    await opening;
    expect(transport.isOpen).toBe(true);
    await transport.close();

    const clock = new ManualClock();
    const silent = new FakeNoble();
    silent.state = "unknown";
    const waiting = failure(new BleTransport({ device: "SP04S034", profile: "jbd", noble: silent, clock }).open());
    await settle();
    clock.advance(5000);
    expect(await waiting).toMatchObject({ code: "unsupported", message: expect.stringMatching(/gave no usable state within 5000 ms/) });
  });

  it("without @stoprocent/noble installed, loading rejects with unsupported and says what to install", async () => {
    const error = await failure(loadNoble());
    expect(error.code).toBe("unsupported");
    expect(error.message).toMatch(/@stoprocent\/noble could not load .*npm install @stoprocent\/noble/);
  });

  it("rejects bad options at construction", () => {
    expect(() => new BleTransport({ device: " ", profile: "jbd" })).toThrow(expect.objectContaining({ code: "invalid-argument" }));
    expect(() => new BleTransport({ device: "x", profile: "nope" as "jbd" })).toThrow(/unknown Bluetooth profile/);
    expect(() => new BleTransport({ device: "x", profile: "jbd", mtu: 600 })).toThrow(/1 to 512/);
  });

  it("matches the target by address in any case and separator, by noble id or by exact name only", () => {
    const p = new FakeNoblePeripheral("a4:c1:38:00:00:01", "SP04S034", jbd);
    expect(["A4:C1:38:00:00:01", "a4-c1-38-00-00-01", "a4c138000001", "SP04S034"].map((t) => isBleTarget(p, t))).toEqual([true, true, true, true]);
    expect(["SP04S03", "a4:c1:38:00:00:02", "sp04s034"].map((t) => isBleTarget(p, t))).toEqual([false, false, false]);
  });
});

describe("scanBleDevices (noble double)", () => {
  it("lists each device heard once, strongest first, with the profile its service or name suggests", async () => {
    const clock = new ManualClock();
    const noble = new FakeNoble();
    noble.add(new FakeNoblePeripheral("a4:c1:38:00:00:01", "SP04S034", jbd, 20, -70));
    noble.add(new FakeNoblePeripheral("c8:47:8c:00:00:02", "JK-B2A24S", jk, 20, -50));
    const unnamed = noble.add(new FakeNoblePeripheral("11:22:33:44:55:66", undefined, { ...jbd, service: "180f" }, 20, -90));
    const scanning = scanBleDevices({ noble, clock, durationMs: 4000 });
    await settle();
    await settle();
    clock.advance(4000);
    const devices = await scanning;
    expect(devices).toEqual([
      { address: "c8:47:8c:00:00:02", name: "JK-B2A24S", rssi: -50, services: ["ffe0"], profile: "jk" },
      { address: "a4:c1:38:00:00:01", name: "SP04S034", rssi: -70, services: ["ff00"], profile: "jbd" },
      { address: unnamed.address, rssi: -90, services: ["180f"] },
    ]);
    expect(noble.scans).toEqual([{ services: [], duplicates: true }]);
    expect(noble.scanning).toBe(false);
  });
});

describe("JBD over Bluetooth from Node: the unchanged JBD driver through BleTransport, the simulator behind a BLE module host", () => {
  it("reads the pack from 20-byte notifications, the same reading as over a UART", async () => {
    const clock = new ManualClock();
    const host = new BlePeripheralHost(new JbdSimulator({ clock }));
    await host.start();
    const noble = new FakeNoble();
    const peripheral = noble.add(new FakeNoblePeripheral("a4:c1:38:00:00:01", "SP04S034", jbd).attachHost(host));
    const transport = new BleTransport({ device: "a4:c1:38:00:00:01", profile: "jbd", noble, clock });
    await transport.open();
    const reading = await new JbdBms(transport, { clock, minGapMs: 0 }).read();
    expect(reading.batteries[0]).toMatchObject({ current: -2.5, soc: 60, fullCapacity: 100, temperatures: [25, 25], alarms: [] });
    expect(peripheral.notificationSizes.every((n) => n <= 20)).toBe(true);
    expect(peripheral.notificationSizes).toContain(20);

    const { host: uart, device } = createMemoryLink();
    await Promise.all([uart.open(), device.open()]);
    new JbdSimulator({ clock: new ManualClock() }).attach(device);
    const overUart = await new JbdBms(uart, { clock: new ManualClock(), minGapMs: 0 }).read();
    expect(reading.batteries).toEqual(overUart.batteries);
    expect(reading.reading).toEqual(overUart.reading);
    await transport.close();
    await host.stop();
  });
});
