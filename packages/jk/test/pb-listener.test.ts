import { createMemoryLink, fromHex } from "@batt/core";
import { ManualClock } from "@batt/core/testing";
import { describe, expect, it } from "vitest";
import { JkPbListener } from "../src/pb/jk-pb-listener.js";
import { JkPbBusSimulator, JkPbDevice } from "../src/simulator/index.js";
import { MPP_BUS_CAPTURE_LINES } from "./fixtures/mpp-solar-bus-capture.js";

// Values computed by hand from the capture's bytes (JK02 32-cell layout, little-endian).
describe("listen-only: the mpp-solar capture of a JK-PB bus with its master at address 0", () => {
  it("both packs heard, by the address of the acknowledgement after each frame; the silent polls of 2..15 cost nothing", () => {
    const { host } = createMemoryLink();
    const listener = new JkPbListener(host);
    for (const line of MPP_BUS_CAPTURE_LINES) listener.push(fromHex(line));
    const [master, pack1, ...others] = listener.heard();
    expect(others).toEqual([]);
    expect(master).toMatchObject({ address: 0, packVoltage: 53.533, current: 0, soc: 99, mosTemperature: 23.4, remainingCapacity: 299.565, fullChargeCapacity: 304, chargeMos: true, dischargeMos: true });
    expect(master!.cellVoltages).toEqual([3.347, 3.346, 3.346, 3.346, 3.346, 3.346, 3.346, 3.345, 3.345, 3.346, 3.345, 3.345, 3.345, 3.346, 3.346, 3.345]);
    expect(master!.temperatures.slice(0, 2)).toEqual([20.9, 21.6]);
    expect(master!.settings).toMatchObject({ cellOvervoltageProtection: expect.any(Number), cellCount: 16 });
    expect(pack1).toMatchObject({ address: 1, packVoltage: 53.54, soc: 99, mosTemperature: 21.7, remainingCapacity: 299.566 });
    expect(pack1!.cellVoltages[0]).toBe(3.349);
    expect(pack1!.temperatures.slice(0, 2)).toEqual([19.9, 20.8]);
    expect(listener.counters).toMatchObject({ replies: 4, checksumErrors: 0, bytesSkipped: 0 });
    listener.dispose();
  });

  it("a frame whose acknowledgement is lost is not given to the next pack's address", () => {
    const { host } = createMemoryLink();
    const listener = new JkPbListener(host);
    // Lines 11–12 are the master's cell info frame; drop its acknowledgement (the first 8 bytes of line 13's start are in line 12's tail).
    const stream = fromHex(MPP_BUS_CAPTURE_LINES.join(""));
    const ackAt = 110 + 300;
    listener.push(stream.subarray(0, ackAt));
    listener.push(stream.subarray(ackAt + 8));
    expect(listener.heard().map((p) => p.address)).toEqual([1]);
    listener.dispose();
  });
});

describe("listen-only against the simulated bus (master 0 polling packs 1 and 2), virtual time", () => {
  it("read() resolves after one full cycle with a battery per pack, by address; nothing is sent", async () => {
    const clock = new ManualClock();
    const { host, device } = createMemoryLink();
    await Promise.all([host.open(), device.open()]);
    const sent: Uint8Array[] = [];
    host.onData((chunk) => sent.push(chunk)); // what the listening side (device) writes
    const sim = new JkPbBusSimulator({ clock, cycleMs: 500, packs: [{ address: 1, pack: { current: -8 } }, { address: 2, pack: { current: 5 } }] }).attach(host);
    const listener = new JkPbListener(device, { clock, listenMs: 5000 });
    const reading = listener.read();
    for (let i = 0; i < 4; i++) {
      clock.advance(500);
      for (let j = 0; j < 50; j++) await Promise.resolve();
    }
    const result = await reading;
    expect(result.batteries.map((b) => [b.id, b.current, b.soc])).toEqual([
      ["pack0", 0, 50],
      ["pack1", -8, 50],
      ["pack2", 5, 50],
    ]);
    const expected = new JkPbDevice({ address: 2, pack: { current: 5 } });
    expected.step(0);
    expect(result.batteries[2]!.cellVoltages).toHaveLength(16);
    expect(result.batteries[2]!.cellVoltages[0]).toBeCloseTo(expected.pack.cellVoltages()[0]!, 2);
    expect(result.reading.packs.map((p) => p.address)).toEqual([0, 1, 2]);
    expect(sent).toEqual([]);
    await sim.stop();
    listener.dispose();
  });

  it("no master on the bus: a typed timeout at the listening deadline", async () => {
    const clock = new ManualClock();
    const { host } = createMemoryLink();
    const listener = new JkPbListener(host, { clock, listenMs: 3000 });
    const reading = listener.read();
    clock.advance(3000);
    await expect(reading).rejects.toMatchObject({ code: "timeout" });
    listener.dispose();
  });
});
