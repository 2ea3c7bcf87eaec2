import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { crc16Modbus } from "@batt/core";
import { SerialPortTransport } from "@batt/transport-node";
import { describe, expect, it } from "vitest";
import { BATT_BIN, finished, untilSays } from "@batt/test-support/cli-process";
import { endToEndScope } from "@batt/test-support/e2e-scope";
import { EvCharger } from "../src/index.js";

// The simulator in another process on one end of a socat pseudo-terminal pair, the driver (or the
// batt command) on the other, through the real serialport binding.
const fixture = fileURLToPath(new URL("./fixtures/simulator-process.ts", import.meta.url));
const scope = endToEndScope();

describe("EV charger over a real serial line (socat pty pair, simulator in another process)", () => {
  it("reads, changes the current, stops and starts with the driver", async () => {
    const pair = await scope.ptyPair();
    const sim = scope.start([fixture, pair.a, "71"]);
    await untilSays(sim, "stdout", "ready");
    const port = new SerialPortTransport({ path: pair.b, baudRate: 9600 });
    await port.open();
    scope.defer(() => port.close());
    // Short pacing keeps the test fast; the documented default is 1 s between requests.
    const charger = new EvCharger(port, { address: 71, minGapMs: 20 });
    scope.defer(async () => charger.dispose());
    const { device, reading } = await charger.read();
    expect(device).toMatchObject({ driver: "evcharger", address: 71, serial: "C311A1B2C3D4E5" });
    expect(reading).toMatchObject({ address: 71, generation: "g1", warnings: [], unavailable: [] });
    expect(reading.status.state.name).toBe("Charging");
    expect(reading.settings.serialNumber).toBe("C311A1B2C3D4E5");
    expect(await charger.setChargeCurrent(8)).toMatchObject({ value: 8, written: true });
    expect(await charger.stopCharging()).toMatchObject({ state: "Finishing", confirmed: true });
    expect(await charger.startCharging()).toMatchObject({ state: "Charging", confirmed: true });
    expect((await charger.readStatus()).currentL1).toBe(8);
    expect(charger.counters).toMatchObject({ timeouts: 0, checksumErrors: 0 });
  });

  it("`batt sim evcharger`, `batt read evcharger` and `batt evcharger current` talk through the pty pair", async () => {
    const pair = await scope.ptyPair();
    const sim = scope.start([BATT_BIN, "sim", "evcharger", "--port", pair.a]);
    await untilSays(sim, "stderr", "Ctrl-C to stop");
    const read = await finished(scope.start([BATT_BIN, "read", "evcharger", "--port", pair.b, "--gap", "20", "--json"]));
    expect(read.code, read.stderr).toBe(0);
    const reading = JSON.parse(read.stdout) as { device: { address: number }; measurements: { key: string; value: unknown }[]; reading: { generation: string } };
    expect(reading).toMatchObject({ device: { driver: "evcharger", category: "ev-charger", address: 70 }, batteries: [], reading: { address: 70, generation: "g1", status: { state: { name: "Charging" } } } });
    expect(reading.measurements.find((m) => m.key === "state")).toMatchObject({ value: "Charging" });
    const set = await finished(scope.start([BATT_BIN, "evcharger", "current", "10", "--yes", "--port", pair.b, "--gap", "20", "--json"]));
    expect(set.code, set.stderr).toBe(0);
    expect(JSON.parse(set.stdout)).toMatchObject({ name: "maxCurrent", previous: 16, value: 10, written: true });
  });

  it("`batt evcharger upgrade` installs a generated image with progress, and refuses a corrupt image and a wrong file", async () => {
    const pair = await scope.ptyPair();
    const sim = scope.start([BATT_BIN, "sim", "evcharger", "--port", pair.a]);
    await untilSays(sim, "stderr", "Ctrl-C to stop");
    const dir = mkdtempSync(join(tmpdir(), "batt-firmware-"));
    const image = Uint8Array.from({ length: 1200 }, (_, i) => (i * 29 + 3) & 0xff);
    const crc = crc16Modbus(image);
    const firmware = join(dir, "EVC_V1.40.usb");
    writeFileSync(firmware, image);
    const wrongFile = join(dir, "DSP_V2.00.usb");
    writeFileSync(wrongFile, image);
    const link = ["--yes", "--port", pair.b, "--gap", "20"];
    const firmwareVersion = async (): Promise<number> => {
      const read = await finished(scope.start([BATT_BIN, "read", "evcharger", "--port", pair.b, "--gap", "20", "--json"]));
      expect(read.code, read.stderr).toBe(0);
      return (JSON.parse(read.stdout) as { reading: { status: { firmwareVersion: number } } }).reading.status.firmwareVersion;
    };
    expect(await firmwareVersion()).toBe(1.18);

    // A file whose CRC is not the one expected is refused before anything is sent.
    const corrupt = await finished(scope.start([BATT_BIN, "evcharger", "upgrade", firmware, "--checksum", (crc ^ 0x00ff).toString(16), ...link]));
    expect(corrupt.code).toBe(1);
    expect(corrupt.stderr).toMatch(/^batt: checksum: /m);
    // A file the charger's bootloader does not take is refused before any data goes out.
    const wrong = await finished(scope.start([BATT_BIN, "evcharger", "upgrade", wrongFile, ...link]));
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/not firmware for this charger|refused|failed/i);
    expect(await firmwareVersion()).toBe(1.18);

    const good = await finished(scope.start([BATT_BIN, "evcharger", "upgrade", firmware, "--checksum", crc.toString(16), ...link, "--json"]));
    expect(good.code, good.stderr).toBe(0);
    expect(JSON.parse(good.stdout)).toMatchObject({ bytes: 1200, packets: 5, iapState: 4 });
    // Not a terminal: the progress bar is one line per tenth, ending at 100 %.
    expect(good.stderr).toMatch(/^100% /m);
    expect(await firmwareVersion()).toBe(1.4);
  });
});
