import { ManualClock } from "@batt/core/testing";
import { describe, expect, it } from "vitest";
import { READ_PLANS, uncovered } from "../src/index.js";
import { rig, settle } from "./support.js";

/** Runs a driver call on a ManualClock: replies arrive on real I/O, the link's short timers are fired by hand. */
async function run<T>(clock: ManualClock, call: Promise<T>): Promise<T> {
  let done = false;
  const result = call.finally(() => (done = true));
  while (!done) {
    for (let i = 0; i < 3 && !done; i++) await settle();
    if (!done && clock.pending > 0) clock.runNext();
  }
  return result;
}

describe("uncovered(): what a span still needs", () => {
  it("leaves the tail, the head, the gaps, or nothing", () => {
    const input = (address: number, count: number) => ({ table: "input" as const, address, count });
    expect(uncovered(input(0, 49), [input(0, 45)])).toEqual([input(45, 4)]);
    expect(uncovered(input(0, 49), [input(4, 45)])).toEqual([input(0, 4)]);
    expect(uncovered(input(0, 10), [input(2, 2), input(6, 1)])).toEqual([input(0, 2), input(4, 2), input(7, 3)]);
    expect(uncovered(input(0, 10), [input(0, 20)])).toEqual([]);
    expect(uncovered(input(0, 10), [{ table: "holding", address: 0, count: 10 }])).toEqual([input(0, 10)]);
  });

  it("G1 hardware on G2 firmware (C311, 7.07) is told by the firmware in the input block, then reads what G2 adds", async () => {
    const { charger, sent } = await rig({ sim: { generation: "g2", serialNumber: "C311A1B2C3D4E5", firmwareVersion: 7.07 } });
    expect((await charger.read()).reading.generation).toBe("g2");
    expect(sent).toEqual(["46 03 06 00 00 41 8a 05", "46 04 00 00 00 2d 3f 60", "46 04 00 2d 00 04 6e b7", "46 03 06 41 00 29 db ff"]);
  });

  it("plans one input and one holding read per generation, none longer than 125 registers", () => {
    for (const plan of Object.values(READ_PLANS)) {
      expect(plan.live).toHaveLength(1);
      expect(plan.slow).toHaveLength(1);
      for (const span of [...plan.live, ...plan.slow, ...plan.fallback]) expect(span.count).toBeLessThanOrEqual(125);
    }
  });
});

describe("read() in the fewest requests the pacing allows (docs/protocols/evcharger.md#physical-layer-and-timing)", () => {
  it("first generation: holding 0x0600 × 65 and input 0x0000 × 45, from the first reading on", async () => {
    const { charger, sent, sim } = await rig();
    sim.plugIn();
    const first = await charger.read();
    expect(sent).toEqual(["46 03 06 00 00 41 8a 05", "46 04 00 00 00 2d 3f 60"]);
    expect(first.reading).toMatchObject({ generation: "g1", settings: { serialNumber: "C311A1B2C3D4E5", slaveAddress: 70, maxCurrent: 16 }, unavailable: [], settingsAge: 0 });
    sent.length = 0;
    await charger.read();
    expect(sent).toEqual(["46 04 00 00 00 2d 3f 60", "46 03 06 00 00 41 8a 05"]);
  });

  it("second generation: detected from the HAC serial in the shared span, then what G2 adds; later 0x0000 × 49 and 0x0600 × 106", async () => {
    const { charger, sent } = await rig({ sim: { generation: "g2" } });
    const first = await charger.read();
    expect(sent).toEqual(["46 03 06 00 00 41 8a 05", "46 04 00 00 00 31 3e a9", "46 03 06 41 00 29 db ff"]);
    expect(first.reading).toMatchObject({ generation: "g2", settings: { g2MaxCurrent: 32, evseMode: { value: 0, name: "fast" } }, status: { banState: { value: 0 } } });
    sent.length = 0;
    await charger.read();
    expect(sent).toEqual(["46 04 00 00 00 31 3e a9", "46 03 06 00 00 6a ca 1a"]);
  });

  it("keeps the settings for slowRefreshMs and reads them again after a write through the driver", async () => {
    const clock = new ManualClock(1_000_000);
    const { charger, sent } = await rig({ charger: { clock, generation: "g1", slowRefreshMs: 60_000 } });
    await run(clock, charger.read());
    expect(sent).toHaveLength(2);
    sent.length = 0;
    clock.advance(30_000);
    const cached = await run(clock, charger.read());
    expect(sent).toEqual(["46 04 00 00 00 2d 3f 60"]);
    expect(cached.reading.settingsAge).toBeCloseTo(30, 1); // plus the few ms of the link's own timers
    expect(cached.reading.settings.maxCurrent).toBe(16);

    await run(clock, charger.setChargeCurrent(10));
    sent.length = 0;
    const fresh = await run(clock, charger.read());
    expect(sent).toEqual(["46 04 00 00 00 2d 3f 60", "46 03 06 00 00 41 8a 05"]);
    expect(fresh.reading).toMatchObject({ settingsAge: 0, settings: { maxCurrent: 10 } });

    sent.length = 0;
    clock.advance(59_000);
    await run(clock, charger.read());
    expect(sent).toHaveLength(1);
    clock.advance(1_000);
    sent.length = 0;
    await run(clock, charger.read());
    expect(sent).toHaveLength(2);
  });
});
