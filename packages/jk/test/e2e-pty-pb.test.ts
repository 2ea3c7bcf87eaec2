import type { DeviceReading } from "@batt/core";
import { SerialPortTransport } from "@batt/transport-node";
import { createPtyPair, type PtyPair } from "@batt/transport-node/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JkPbBus, type JkPbLiveData, type JkPbWriteResult } from "../src/index.js";
import { JkPbDevice } from "../src/simulator/index.js";
import { endProcess } from "@batt/test-support/cli-process";
import { expectRefused, FAST, json, run, SIM_PACK, startSimulator, type SimulatorProcess } from "./cli-process.js";

const PB = ["--protocol", "pb"];
/** A bus reading in which every pack answered. */
type BusReading = DeviceReading<{ readonly protocol: "pb"; readonly packs: readonly JkPbLiveData[] }>;

// `batt sim jk --protocol pb` puts two packs on one bus at one end of a socat pty pair; the CLI
// and the driver talk Modbus RTU on the other, each in its own process.
describe("batt sim jk --protocol pb (two packs) in one process; the CLI and JkPbBus in others (socat pty pair)", () => {
  let pair: PtyPair;
  let server: SimulatorProcess | undefined;

  beforeAll(async () => {
    pair = await createPtyPair();
    server = await startSimulator(pair, [...PB, "--address", "1,2"]);
  });

  afterAll(async () => {
    if (server) await endProcess(server.process, "SIGKILL");
    await pair?.close();
  });

  it("batt read jk --protocol pb --address 1,2 --json shows both configured packs; batt jk switch without --yes is refused", async () => {
    // The refusal comes before the port is opened, so it can run alongside the read.
    const [reading, refused] = await Promise.all([
      json<BusReading>(pair.b, "read", "jk", ...PB, "--address", "1,2"),
      run(pair.b, "jk", "switch", "charge", "off", ...PB, "--address", "2"),
    ]);
    expectRefused(refused);
    expect(reading.reading.protocol).toBe("pb");
    expect(reading.reading.packs.map((p) => p.address)).toEqual([1, 2]);
    // ONE reading of the bus: a battery per pack, by address.
    expect(reading.batteries.map((b) => [b.id, b.current, b.soc, b.fullCapacity, b.chargeAllowed])).toEqual([
      ["pack1", -8, 50, 100, true],
      ["pack2", -8, 50, 100, true],
    ]);
    for (const pack of reading.reading.packs) {
      const device = new JkPbDevice({ address: pack.address, pack: SIM_PACK });
      device.step(0); // settles the cells under the load, as the running simulator has
      expect(pack).toMatchObject({ current: -8, soc: 50, soh: 100, fullChargeCapacity: 100, mosTemperature: 25, chargeMos: true, dischargeMos: true, alarms: { names: [] }, balanceState: { value: 0, name: "off" } });
      const cells = device.pack.cellVoltages();
      expect(pack.cellVoltages).toHaveLength(16);
      pack.cellVoltages.forEach((v, i) => expect(v).toBeCloseTo(cells[i]!, 2));
      expect(pack.packVoltage).toBeCloseTo(device.pack.totalVoltage(), 1);
    }
    // Each pack has its own cells (seeded by address): the CLI did not read one pack twice.
    expect(reading.reading.packs[0]!.cellVoltages).not.toEqual(reading.reading.packs[1]!.cellVoltages);
  });

  it("batt jk switch charge off --address 2 --yes switches pack 2 with read-back; the next read shows only pack 2 off", async () => {
    // `previous: 1` shows the refused command changed nothing.
    const switched = await json<JkPbWriteResult>(pair.b, "jk", "switch", "charge", "off", ...PB, "--address", "2", "--yes");
    expect(switched).toMatchObject({ name: "chargeEnable", previous: 1, readBack: 0, changed: true });

    const after = await json<BusReading>(pair.b, "read", "jk", ...PB, "--address", "1,2");
    expect(after.batteries.map((b) => [b.id, b.chargeAllowed, b.dischargeAllowed])).toEqual([
      ["pack1", true, true],
      ["pack2", false, true],
    ]);
    expect(after.reading.packs.map((p) => [p.address, p.chargeMos, p.dischargeMos])).toEqual([
      [1, true, true],
      [2, false, true],
    ]);
  }, 30_000);

  it("JkPbBus over SerialPortTransport: a switch write verified by read-back", async () => {
    const transport = new SerialPortTransport({ path: pair.b, baudRate: 115200 });
    await transport.open();
    const bus = new JkPbBus(transport, FAST);
    try {
      const result = await bus.pack(2).setChargeSwitch(true);
      expect(result).toMatchObject({ name: "chargeEnable", previous: 0, readBack: 1, changed: true });
      expect((await bus.pack(2).readLive()).chargeMos).toBe(true);
      expect(bus.client.counters).toMatchObject({ timeouts: 0, checksumErrors: 0 });
    } finally {
      bus.dispose();
      await transport.close();
    }
  });

  it("the simulator stops with exit code 130 on Ctrl-C", async () => {
    server!.process.kill("SIGINT");
    const done = await server!.done;
    expect(done.code, done.stderr).toBe(130);
  });
});
