import type { DeviceReading } from "@batt/core";
import { batt, endProcess, finished, untilSays } from "@batt/test-support/cli-process";
import { createPtyPair, type PtyPair } from "@batt/transport-node/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JkPbListenReading } from "../src/index.js";
import { JkPbDevice } from "../src/simulator/index.js";
import { FAST_ARGS, json, SIM_PACK, startSimulator, type SimulatorProcess } from "./cli-process.js";

type ListenReading = DeviceReading<JkPbListenReading>;

// `batt sim jk --protocol pb-listen` plays a JK-PB bus on one end of a socat pty pair: a master at
// address 0 sends its own frames and polls addresses 1..15, packs 1 and 2 answer. The real batt
// binary listens on the other end and sends nothing.
describe("listen-only: batt read/monitor jk --protocol pb-listen on a simulated bus (master 0, packs 1 and 2; socat pty pair)", () => {
  let pair: PtyPair;
  let server: SimulatorProcess | undefined;

  beforeAll(async () => {
    pair = await createPtyPair();
    server = await startSimulator(pair, ["--protocol", "pb-listen", "--address", "1,2"]);
  });

  afterAll(async () => {
    if (server) await endProcess(server.process, "SIGKILL");
    await pair?.close();
  });

  it("batt read jk --protocol pb-listen --json: every pack heard, by address, with the simulated values", async () => {
    const reading = await json<ListenReading>(pair.b, "read", "jk", "--protocol", "pb-listen", "--listen", "10000");
    expect(reading.device).toMatchObject({ driver: "jk", category: "bms", model: "JK-PB bus (listening)" });
    expect(reading.batteries.map((b) => [b.id, b.current, b.soc, b.fullCapacity])).toEqual([
      ["pack0", -8, 50, 100],
      ["pack1", -8, 50, 100],
      ["pack2", -8, 50, 100],
    ]);
    for (const pack of reading.reading.packs) {
      const device = new JkPbDevice({ address: pack.address, pack: SIM_PACK });
      device.step(0);
      expect(pack.cellVoltages).toHaveLength(16);
      pack.cellVoltages.forEach((v, i) => expect(v).toBeCloseTo(device.pack.cellVoltages()[i]!, 2));
    }
    // Packs are seeded by address: three different packs were heard, not one three times.
    expect(new Set(reading.reading.packs.map((p) => p.cellVoltages.join(","))).size).toBe(3);
  }, 30_000);

  it("batt monitor jk --protocol pb-listen --json: one reading per polling cycle until Ctrl-C", async () => {
    const child = batt(["monitor", "jk", "--protocol", "pb-listen", "--port", pair.b, "--json", ...FAST_ARGS]);
    const done = finished(child);
    await untilSays(child, "stdout", /\n[^\n]+\n/);
    child.kill("SIGINT");
    const result = await done;
    const lines = result.stdout.trim().split("\n").map((l) => JSON.parse(l) as ListenReading);
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines) expect(line.reading.packs.map((p) => p.address)).toEqual([0, 1, 2]);
  }, 30_000);

  it("a switch over pb-listen is refused before the port is opened", async () => {
    const child = batt(["jk", "switch", "charge", "off", "--protocol", "pb-listen", "--port", pair.b, "--yes", ...FAST_ARGS]);
    const result = await finished(child);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/only listens; nothing is sent/);
  }, 30_000);
});

describe("the trigger path: batt read jk --protocol pb-trigger against batt sim jk --protocol pb-trigger (socat pty pair)", () => {
  let pair: PtyPair;
  let server: SimulatorProcess | undefined;

  beforeAll(async () => {
    pair = await createPtyPair();
    server = await startSimulator(pair, ["--protocol", "pb-trigger", "--address", "1,2"]);
  });

  afterAll(async () => {
    if (server) await endProcess(server.process, "SIGKILL");
    await pair?.close();
  });

  it("one pack: its identity from the device info frame and its battery from the cell info frame", async () => {
    const reading = await json<DeviceReading<{ protocol: string; address: number }>>(pair.b, "read", "jk", "--protocol", "pb-trigger", "--address", "2");
    expect(reading.device).toMatchObject({ model: "JK_PB2A16S20P", firmware: "19.05", hardware: "19A", address: 2 });
    expect(reading.reading).toMatchObject({ protocol: "pb-trigger", address: 2 });
    expect(reading.batteries[0]).toMatchObject({ current: -8, soc: 50, fullCapacity: 100, chargeAllowed: true });
  }, 30_000);

  it("two packs: one reading, a battery per pack", async () => {
    const reading = await json<DeviceReading<{ protocol: string }>>(pair.b, "read", "jk", "--protocol", "pb-trigger", "--address", "1,2");
    expect(reading.batteries.map((b) => [b.id, b.current])).toEqual([
      ["pack1", -8],
      ["pack2", -8],
    ]);
  }, 30_000);
});
