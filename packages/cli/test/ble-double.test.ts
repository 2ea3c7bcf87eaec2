import { BLE_GATT_PROFILES } from "@batt/core";
import { BlePeripheralHost } from "@batt/core/simulator";
import { plugin as jbd } from "@batt/jbd/cli";
import { JbdSimulator } from "@batt/jbd/simulator";
import type { BleScanOptions, BleTransportOptions } from "@batt/transport-node";
import { FakeNoble, FakeNoblePeripheral } from "@batt/transport-node/testing";
import { describe, expect, it, vi } from "vitest";
import { runCli } from "./run-cli.js";

// The CLI's Bluetooth paths over a double of @stoprocent/noble (no adapter here): the Node transport and
// the scan get the double instead of the library; everything else, from flags to output, is the real CLI.
const noble = new FakeNoble();
vi.mock("@batt/transport-node", async (importOriginal) => {
  const real = await importOriginal<typeof import("@batt/transport-node")>();
  class DoubleBleTransport extends real.BleTransport {
    constructor(options: BleTransportOptions) {
      super({ ...options, noble });
    }
  }
  return { ...real, BleTransport: DoubleBleTransport, scanBleDevices: (options: BleScanOptions = {}) => real.scanBleDevices({ ...options, noble, durationMs: 50 }) };
});

const host = new BlePeripheralHost(new JbdSimulator());
await host.start();
const module = noble.add(new FakeNoblePeripheral("a4:c1:38:00:00:01", "SP04S034", BLE_GATT_PROFILES.jbd, 20, -61).attachHost(host));
noble.add(new FakeNoblePeripheral("c8:47:8c:00:00:02", "JK-B2A24S", BLE_GATT_PROFILES.jk, 20, -75));

describe("batt over Bluetooth (noble double)", () => {
  it("batt list --ble lists the modules heard, with the profile each looks like", async () => {
    const run = await runCli(["list", "--ble"]);
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe("Bluetooth LE devices:");
    expect(lines[1]).toMatch(/^ {2}ADDRESS\s+NAME\s+RSSI\s+PROFILE\s+SERVICES$/);
    expect(lines[2]).toMatch(/^ {2}a4:c1:38:00:00:01\s+SP04S034\s+-61 dBm\s+jbd\s+ff00$/);
    expect(lines[3]).toMatch(/^ {2}c8:47:8c:00:00:02\s+JK-B2A24S\s+-75 dBm\s+jk\s+ffe0$/);
    const json = await runCli(["list", "--ble", "--json"]);
    expect(JSON.parse(json.stdout)).toEqual({
      bleDevices: [
        { address: "a4:c1:38:00:00:01", name: "SP04S034", rssi: -61, services: ["ff00"], profile: "jbd" },
        { address: "c8:47:8c:00:00:02", name: "JK-B2A24S", rssi: -75, services: ["ffe0"], profile: "jk" },
      ],
    });
  });

  it("batt read jbd --ble NAME reads the pack over the module with the plugin's own profile, writes cut to 20 bytes", async () => {
    const run = await runCli(["read", "jbd", "--ble", "SP04S034", "--json", "--gap", "0"], { plugins: [jbd] });
    expect(run.code, run.stderr).toBe(0);
    const reading = JSON.parse(run.stdout) as { device: { driver: string }; batteries: { current: number; soc: number; cellVoltages: number[] }[] };
    expect(reading.device.driver).toBe("jbd");
    expect(reading.batteries[0]).toMatchObject({ current: -2.5, soc: 60 });
    expect(reading.batteries[0]?.cellVoltages).toHaveLength(4);
    expect(module.notificationSizes).toContain(20);
    expect(module.writes.every((w) => w.bytes.length <= 20 && w.withoutResponse)).toBe(true);
    expect(module.state).toBe("disconnected");
  });

  it("--ble ADDRESS with --ble-mtu and --verbose names the link", async () => {
    module.writes.length = 0;
    const run = await runCli(["read", "jbd", "--ble", "A4:C1:38:00:00:01", "--ble-mtu", "4", "--gap", "0", "-v"], { plugins: [jbd] });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/link: ble A4:C1:38:00:00:01 jbd/);
    expect(Math.max(...module.writes.map((w) => w.bytes.length))).toBe(4);
  });
});
