import { describe, expect, it } from "vitest";
import { BattError, BLE_GATT_PROFILES, bleGattProfile, bleLinkSettings, bleUuid, sameBleUuid, shortBleUuid, splitToMtu, type Transport } from "../src/index.js";
import { BlePeripheralHost } from "../src/simulator/index.js";

describe("Bluetooth UUIDs", () => {
  it("expands 16- and 32-bit UUIDs on the Bluetooth base and normalises 128-bit ones", () => {
    expect(bleUuid(0xff00)).toBe("0000ff00-0000-1000-8000-00805f9b34fb");
    expect(bleUuid("FFE1")).toBe("0000ffe1-0000-1000-8000-00805f9b34fb");
    expect(bleUuid("0x2A37")).toBe("00002a37-0000-1000-8000-00805f9b34fb");
    expect(bleUuid("6E400001B5A3F393E0A9E50E24DCCA9E")).toBe("6e400001-b5a3-f393-e0a9-e50e24dcca9e");
    expect(shortBleUuid("0000ff02-0000-1000-8000-00805f9b34fb")).toBe("ff02");
    expect(shortBleUuid("6e400001-b5a3-f393-e0a9-e50e24dcca9e")).toBe("6e400001-b5a3-f393-e0a9-e50e24dcca9e");
    expect(sameBleUuid("ff01", 0xff01)).toBe(true);
    expect(sameBleUuid("ff01", "ff02")).toBe(false);
    for (const bad of ["ff0", "xyz1", "", "0000ff00-0000-1000-8000"]) expect(() => bleUuid(bad), bad).toThrow(BattError);
    expect(() => bleUuid(-1)).toThrow(/not a Bluetooth UUID/);
  });

  it("profiles: JBD on FF00 (notify FF01, write FF02), JK on FFE0 (FFE1 both ways), 20-byte writes", () => {
    expect(bleGattProfile("jbd")).toMatchObject({ service: "ff00", notify: "ff01", write: "ff02", mtu: 20 });
    expect(bleGattProfile("jk")).toMatchObject({ service: "ffe0", notify: "ffe1", write: "ffe1", mtu: 20 });
    expect(bleGattProfile("toString")).toBeUndefined();
    expect(bleLinkSettings({ profile: "jk" })).toEqual({
      profile: { ...BLE_GATT_PROFILES.jk, service: "0000ffe0-0000-1000-8000-00805f9b34fb", notify: "0000ffe1-0000-1000-8000-00805f9b34fb", write: "0000ffe1-0000-1000-8000-00805f9b34fb" },
      mtu: 20,
      writeWithoutResponse: true,
    });
    expect(splitToMtu(Uint8Array.of(1, 2, 3, 4, 5), 2).map((p) => [...p])).toEqual([[1, 2], [3, 4], [5]]);
    expect(splitToMtu(new Uint8Array(0), 20)).toEqual([]);
  });
});

/** A device that answers every chunk with a reply of `size` bytes counting from the chunk's first byte. */
class CountingSimulator {
  private off: (() => void) | undefined;
  constructor(private readonly size: number) {}
  attach(transport: Transport): this {
    this.off = transport.onData((chunk) => void transport.write(Uint8Array.from({ length: this.size }, (_, i) => (chunk[0]! + i) & 0xff)));
    return this;
  }
  detach(): void {
    this.off?.();
  }
}

describe("BlePeripheralHost: any simulator behind a Bluetooth module", () => {
  it("passes writes to the simulator and cuts each reply into notifications of at most the MTU", async () => {
    const host = new BlePeripheralHost(new CountingSimulator(45));
    const notes: number[][] = [];
    host.onNotify((value) => notes.push([...value]));
    await host.start();
    await host.write(Uint8Array.of(10));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(notes.map((n) => n.length)).toEqual([20, 20, 5]);
    expect(notes.flat()).toEqual(Array.from({ length: 45 }, (_, i) => 10 + i));
    expect(host.notifications).toBe(3);
    await host.stop();
    await expect(host.write(Uint8Array.of(1))).rejects.toMatchObject({ code: "not-open" });
  });

  it("takes another MTU, and refuses one outside 1–512", async () => {
    const host = new BlePeripheralHost(new CountingSimulator(45), { mtu: 244 });
    const sizes: number[] = [];
    host.onNotify((value) => sizes.push(value.length));
    await host.start();
    await host.write(Uint8Array.of(0));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(sizes).toEqual([45]);
    expect(() => new BlePeripheralHost(new CountingSimulator(1), { mtu: 0 })).toThrow(/1 to 512/);
    expect(() => new BlePeripheralHost(new CountingSimulator(1), { mtu: 513 })).toThrow(BattError);
  });
});
