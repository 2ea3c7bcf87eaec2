import { toHex, type DeviceReading } from "@batt/core";
import { SerialPortTransport } from "@batt/transport-node";
import { createPtyPair, type PtyPair } from "@batt/transport-node/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JkBms, type JkReading, type JkWriteResult } from "../src/index.js";
import { JkDevice } from "../src/simulator/index.js";
import { batt, endProcess, finished } from "@batt/test-support/cli-process";
import { expectRefused, FAST, json, run, SIM_PACK, startSimulator, type SimulatorProcess } from "./cli-process.js";
import { FRAME_14S, FRAME_20S_BAD_SUM } from "./reference-frames.js";

describe("batt decode jk (no device)", () => {
  it("prints a reference frame as JSON and exits 1 on a bad checksum or CRC", async () => {
    // The last: the reference JK-PB trigger frame `01 10 16 1E 00 01 02 00 00 D2 2F` with its CRC's high byte off by one.
    const [good, bad, pbBad] = await Promise.all([
      finished(batt(["decode", "jk", toHex(FRAME_14S), "--json"])),
      finished(batt(["decode", "jk", toHex(FRAME_20S_BAD_SUM)])),
      finished(batt(["decode", "jk", "--protocol", "pb", "01 10 16 1E 00 01 02 00 00 D2 2E"])),
    ]);
    expect(good.code, good.stderr).toBe(0);
    const decoded = JSON.parse(good.stdout) as JkReading & { command: string; transmission: string };
    // docs/protocols/jk.md#14s-read-all-reply: 14 cells, 53.59 V, 2.08 A charging, SOC 15 %, ternary, firmware H6.X__S6.1.3S__.
    expect(decoded).toMatchObject({
      command: "read-all",
      transmission: "response",
      values: { totalVoltage: 53.59, current: 2.08, soc: 15, temperatureSensorCount: 2, batteryType: { value: 1, name: "ternary" } },
    });
    expect(decoded.values.cellVoltages).toHaveLength(14);
    expect(decoded.values.cellVoltages?.[0]).toEqual({ index: 1, voltage: 3.821 });
    expect(decoded.values.softwareVersion).toBe("H6.X__S6.1.3S__");

    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe("");
    expect(bad.stderr).toMatch(/checksum/i);
    expect(pbBad.code).toBe(1);
    expect(pbBad.stderr).toMatch(/crc/i);
  });
});

// `batt sim jk` answers on one end of a socat pty pair with the real serialport binding; the CLI
// and the driver talk on the other, each in its own process.
describe("batt sim jk (4E57) in one process; the CLI and JkBms in others (socat pty pair)", () => {
  let pair: PtyPair;
  let server: SimulatorProcess | undefined;

  beforeAll(async () => {
    pair = await createPtyPair();
    server = await startSimulator(pair, []);
  });

  afterAll(async () => {
    if (server) await endProcess(server.process, "SIGKILL");
    await pair?.close();
  });

  it("batt read jk --json shows the simulator's configured pack; batt jk switch without --yes is refused", async () => {
    const expected = new JkDevice({ pack: SIM_PACK });
    expected.step(0); // settles the cells under the load, as the running simulator has
    // The refusal comes before the port is opened, so it can run alongside the read.
    const [reading, refused] = await Promise.all([json<DeviceReading<JkReading>>(pair.b, "read", "jk"), run(pair.b, "jk", "switch", "charge", "off")]);
    expectRefused(refused);
    // --json prints the shared envelope as is.
    expect(reading.device).toEqual({ driver: "jk", category: "bms", manufacturer: "JK", serial: "JKSIM001", hardware: "11.XW", firmware: "11.26" });
    expect(reading.reading).toMatchObject({
      protocol: "4e57",
      values: {
        current: -8,
        soc: 50,
        mosTemperature: 25,
        temperature1: 25,
        temperature2: 25,
        chargeSwitch: true,
        dischargeSwitch: true,
        status: { flags: { chargeMosOn: true, dischargeMosOn: true } },
        warnings: { active: [] },
        protocolVersion: 1,
        softwareVersion: expected.settings["softwareVersion"],
      },
    });
    const [battery] = reading.batteries;
    expect(battery).toMatchObject({ id: "battery", current: -8, soc: 50, temperatures: [25, 25], chargeAllowed: true, dischargeAllowed: true, fullCapacity: 100, alarms: [] });
    // The simulator runs on its own clock, so the pack has drained a little since it started.
    const cells = expected.pack.cellVoltages();
    expect(battery!.cellVoltages).toHaveLength(16);
    battery!.cellVoltages.forEach((v, i) => expect(v).toBeCloseTo(cells[i]!, 2));
    expect(battery!.voltage).toBeCloseTo(expected.pack.totalVoltage(), 1);
    expect(battery!.power).toBeCloseTo(battery!.voltage * -8, 1);
    expect(reading.measurements.find((m) => m.key === "mos_temperature")).toMatchObject({ value: 25, unit: "°C" });
  });

  it("batt jk switch charge off --yes switches, reports the read-back, and the next read shows the MOSFET off", async () => {
    // `previous: true` shows the refused command changed nothing.
    const switched = await json<JkWriteResult>(pair.b, "jk", "switch", "charge", "off", "--yes");
    expect(switched).toEqual({ key: "chargeSwitch", id: 0xab, value: false, previous: true, readBack: false, changed: true, verified: true, confirmedOnDevices: true });

    const after = await json<DeviceReading<JkReading>>(pair.b, "read", "jk");
    expect(after.reading.values).toMatchObject({ chargeSwitch: false, dischargeSwitch: true, status: { flags: { chargeMosOn: false, dischargeMosOn: true } } });
    expect(after.batteries[0]).toMatchObject({ chargeAllowed: false, dischargeAllowed: true });
  }, 30_000);

  it("JkBms over SerialPortTransport: a switch write verified by read-back", async () => {
    const transport = new SerialPortTransport({ path: pair.b, baudRate: 115200 });
    await transport.open();
    const bms = new JkBms(transport, { ...FAST, passwordDelayMs: 0 });
    try {
      // The CLI left the charge switch off in the simulator process.
      const result = await bms.setChargeSwitch(true);
      expect(result).toMatchObject({ key: "chargeSwitch", previous: false, readBack: true, changed: true, verified: true });
      expect((await bms.setChargeSwitch(true)).changed).toBe(false);
      expect(await bms.readLive()).toMatchObject({ chargeSwitch: true, status: { flags: { chargeMosOn: true } } });
      expect(bms.counters).toMatchObject({ timeouts: 0, checksumErrors: 0 });
    } finally {
      bms.dispose();
      await transport.close();
    }
  });

  it("the simulator stops with exit code 130 on Ctrl-C", async () => {
    server!.process.kill("SIGINT");
    const done = await server!.done;
    expect(done.code, done.stderr).toBe(130);
  });
});
