import { fileURLToPath } from "node:url";
import { SerialPortTransport } from "@batt/transport-node";
import { describe, expect, it } from "vitest";
import { BATT_BIN, finished, untilSays } from "@batt/test-support/cli-process";
import { endToEndScope } from "@batt/test-support/e2e-scope";
import { VoltaicController } from "../src/index.js";

// The simulator in another process on one end of a socat pseudo-terminal pair, the driver (or the
// batt command) on the other, through the real serialport binding.
const fixture = fileURLToPath(new URL("./fixtures/simulator-process.ts", import.meta.url));
const scope = endToEndScope();

describe("Voltaic over a real serial line (socat pty pair, simulator in another process)", () => {
  it("reads, switches the load and sets the threshold with the driver at the documented pacing", async () => {
    const pair = await scope.ptyPair();
    const sim = scope.start([fixture, pair.a, "3"]);
    await untilSays(sim, "stdout", "ready");
    const port = new SerialPortTransport({ path: pair.b, baudRate: 9600 });
    await port.open();
    scope.defer(() => port.close());
    const controller = new VoltaicController(port, { address: 3 });
    scope.defer(async () => controller.dispose());
    const { device, reading } = await controller.read();
    expect(device.address).toBe(3);
    expect(reading.values.batteryVoltage).toBeGreaterThan(12);
    expect(reading.values.pvPower).toBeGreaterThan(0);
    expect(await controller.setLoad(false)).toMatchObject({ on: false });
    expect(await controller.setLowVoltageProtection(11.3)).toMatchObject({ value: 11.3, written: true });
    expect(await controller.discover()).toBe(3);
    expect(controller.counters).toMatchObject({ timeouts: 0, checksumErrors: 0 });
  });

  it("`batt sim voltaic` and `batt read voltaic` talk through the pty pair", async () => {
    const pair = await scope.ptyPair();
    const sim = scope.start([BATT_BIN, "sim", "voltaic", "--port", pair.a, "--address", "2"]);
    await untilSays(sim, "stderr", "Ctrl-C to stop");
    const read = await finished(scope.start([BATT_BIN, "read", "voltaic", "--port", pair.b, "--address", "2", "--json"]));
    expect(read.code, read.stderr).toBe(0);
    const reading = JSON.parse(read.stdout) as { device: { driver: string; address: number }; measurements: { key: string; value: unknown }[]; reading: { loadOn: boolean } };
    expect(reading).toMatchObject({ device: { driver: "voltaic", category: "solar-controller", address: 2 }, reading: { address: 2, loadOn: true, lowVoltageProtection: 11 } });
    expect(reading.measurements.find((m) => m.key === "low_voltage_protection")).toMatchObject({ value: 11, unit: "V" });
    const set = await finished(scope.start([BATT_BIN, "voltaic", "lvp", "set", "11.5", "--yes", "--port", pair.b, "--address", "2", "--json"]));
    expect(set.code, set.stderr).toBe(0);
    expect(JSON.parse(set.stdout)).toMatchObject({ previous: 11, value: 11.5, written: true });
  });
});
