import type { ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isBattError, type DeviceReading } from "@batt/core";
import { SerialPortTransport } from "@batt/transport-node";
import { createPtyPair, type PtyPair } from "@batt/transport-node/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { batt, endProcess, finished, untilSays, type Finished } from "@batt/test-support/cli-process";
import { findSetting, JbdBms, JbdStatus, type JbdReading, type JbdSettingsBackup, type SettingsWriteReport } from "../src/index.js";
import type { BatteryModelOptions } from "@batt/core/simulator";
import { JbdDevice } from "../src/simulator/index.js";

// The real `batt` command in child processes, over a socat pseudo-terminal pair with the real
// serialport binding: `batt sim jbd` answers on one end, the CLI and the driver talk on the other.

/** The simulated pack, as `batt sim jbd` options and as the same pack built here for the expected values. */
const PACK: BatteryModelOptions = { cells: 8, chemistry: "li-ion", capacity: 40, soc: 75, current: -3.2 };
const SIM_ARGS = ["--sim-cells", "8", "--sim-chemistry", "li-ion", "--sim-capacity", "40", "--sim-soc", "75", "--sim-current", "-3.2"];
/** Driver pacing for the test: no gap between requests, no pause after a saving exit (the simulator needs neither). */
const FAST_ARGS = ["--gap", "0", "--save-pause", "0", "--timeout", "500"];

/** Runs `batt <args> --port <b>` to the end. */
function run(port: string, ...args: string[]): Promise<Finished> {
  return finished(batt([...args, "--port", port, ...FAST_ARGS]));
}

/** Runs it with `--json` and parses stdout, after checking that it succeeded. */
async function json<T>(port: string, ...args: string[]): Promise<T> {
  const result = await run(port, ...args, "--json");
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as T;
}

describe("batt sim jbd in one process; the CLI and the driver in others (socat pty pair)", () => {
  let pair: PtyPair;
  let server: ChildProcess;
  let serverDone: Promise<Finished>;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "batt-jbd-e2e-"));
    pair = await createPtyPair();
    server = batt(["sim", "jbd", "--port", pair.a, ...SIM_ARGS]);
    serverDone = finished(server);
    await untilSays(server, "stderr", /simulating .*; Ctrl-C to stop/);
  });

  afterAll(async () => {
    if (server) await endProcess(server, "SIGKILL");
    await pair?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("batt read jbd --json prints the reading envelope of the simulator's configured pack", async () => {
    const expected = new JbdDevice({ pack: PACK });
    const envelope = await json<DeviceReading<JbdReading>>(pair.b, "read", "jbd");
    expect(envelope.device).toEqual({ driver: "jbd", category: "bms", manufacturer: "JBD", model: "JBD-SIM-8S", firmware: "8.0", manufactureDate: "2022-03-28" });
    expect(new Date(envelope.time).toISOString()).toBe(envelope.time);
    const reading = { info: envelope.reading.basicInfo, cells: envelope.reading.cellVoltages };
    expect(envelope.batteries).toEqual([
      expect.objectContaining({ id: "battery", current: -3.2, soc: 75, cellVoltages: reading.cells, temperatures: [25, 25], chargeAllowed: true, dischargeAllowed: true, fullCapacity: 40, alarms: [] }),
    ]);
    expect(envelope.measurements.find((m) => m.key === "voltage")).toEqual({ key: "voltage", name: "Voltage", value: reading.info.voltage, unit: "V", kind: "voltage" });
    expect(reading.info).toMatchObject({
      cellCount: 8,
      current: -3.2,
      nominalCapacity: 40,
      soc: 75,
      temperatures: [25, 25],
      fet: { charge: true, discharge: true },
      protectionActive: [],
      softwareVersion: "8.0",
      manufactureDate: "2022-03-28",
    });
    // The simulator runs on its own clock, so the pack has drained a little since it started (−3.2 A on 40 Ah).
    const cells = expected.cellVoltages();
    reading.cells.forEach((v, i) => expect(v).toBeCloseTo(cells[i]!, 2));
    expect(reading.info.voltage).toBeCloseTo(cells.reduce((a, b) => a + b, 0), 1);
    expect(Math.max(...reading.cells) - Math.min(...reading.cells)).toBeGreaterThan(0.001);
  });

  it("backup → change → restore, each step verified by reading back from another process", async () => {
    const original = new JbdDevice({ pack: PACK }).eeprom.setting("covp");
    expect(original).toBe(4.25);

    // A change without --yes is refused before anything is sent.
    const refused = await run(pair.b, "jbd", "settings", "set", "covp", "4.2");
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/would change the device.*Nothing was sent; add --yes/);

    const file = join(dir, "backup.json");
    const backedUp = await run(pair.b, "jbd", "backup", "--output", file);
    expect(backedUp.code, backedUp.stderr).toBe(0);
    expect(backedUp.stderr).toContain(`wrote ${file}`);
    const backup = JSON.parse(readFileSync(file, "utf8")) as JbdSettingsBackup;
    expect(backup).toMatchObject({ format: "batt-jbd-settings", device: { name: "JBD-SIM-8S", cellCount: 8 } });
    // The refused command changed nothing.
    expect(backup.settings.covp).toBe(original);
    expect(Object.keys(backup.settings).length).toBeGreaterThan(50);

    const set = await json<SettingsWriteReport>(pair.b, "jbd", "settings", "set", "covp", "4.2", "--yes");
    expect(set).toMatchObject({ written: ["covp"], unchanged: [], saved: true, registers: [{ address: 0x24, from: 4250, to: 4200 }] });
    expect(await json(pair.b, "jbd", "settings", "get", "covp")).toEqual({ name: "covp", value: 4.2, unit: "V", text: "4.2 V" });

    const restored = await json<{ diff: unknown[]; skipped: string[]; report: SettingsWriteReport }>(pair.b, "jbd", "restore", `@${file}`, "--yes");
    expect(restored.diff).toEqual([{ name: "covp", from: 4.2, to: original }]);
    expect(restored.skipped).toEqual([]);
    expect(restored.report).toMatchObject({ written: ["covp"], saved: true });
    expect(restored.report.registers).toHaveLength(1);
    expect(await json(pair.b, "jbd", "settings", "get", "covp")).toMatchObject({ value: original });
  }, 60_000);

  it("the driver over SerialPortTransport: a settings write verified by read-back, and factory mode left", async () => {
    const transport = new SerialPortTransport({ path: pair.b, baudRate: 9600 });
    await transport.open();
    const bms = new JbdBms(transport, { minGapMs: 0, pauseAfterSaveMs: 0, timeoutMs: 500 });
    const covpRegister = findSetting("covp")!.address;
    try {
      // Every CLI session above left factory mode: EEPROM reads are refused outside it.
      await expect(bms.client.read(covpRegister)).rejects.toSatisfy((e) => isBattError(e, "device-exception") && e.context.deviceCode === JbdStatus.NotPermitted);

      const before = await bms.readSetting("chgot");
      expect(before).toBe(50);
      const report = await bms.writeSettings({ chgot: 55 });
      expect(report).toMatchObject({ written: ["chgot"], saved: true, registers: [{ address: 0x18, from: 3231, to: 3281 }] });
      expect(await bms.readSettings(["chgot", "chgot_rel", "covp"])).toMatchObject({ values: { chgot: 55, covp: 4.25 } });
      expect((await bms.writeSettings({ chgot: 55 })).unchanged).toEqual(["chgot"]);
      await expect(bms.client.read(covpRegister)).rejects.toMatchObject({ code: "device-exception" });
    } finally {
      bms.dispose();
      await transport.close();
    }
  });

  it("the simulator stops with exit code 130 on Ctrl-C", async () => {
    server.kill("SIGINT");
    const done = await serverDone;
    expect(done.code, done.stderr).toBe(130);
  });
});
