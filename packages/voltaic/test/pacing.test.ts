import { createMemoryLink } from "@batt/core";
import { ManualClock } from "@batt/core/testing";
import { describe, expect, it } from "vitest";
import { VOLTAIC_LINK_DEFAULTS, VoltaicController } from "../src/index.js";
import { VoltaicSimulator } from "../src/simulator/index.js";
import { failure, settle } from "./support.js";

describe("pacing defaults (virtual time)", () => {
  it("leaves 50 ms between requests and times out after 1 s", async () => {
    expect(VOLTAIC_LINK_DEFAULTS).toEqual({ timeoutMs: 1000, minGapMs: 50, retry: { retries: 0 } });
    const clock = new ManualClock();
    const { host, device } = createMemoryLink();
    await Promise.all([host.open(), device.open()]);
    const sim = new VoltaicSimulator({ clock }).attach(device);
    const controller = new VoltaicController(host, { clock });
    const reading = controller.read(); // three requests
    await settle();
    expect(sim.counters!.requests).toBe(1);
    clock.advance(49);
    await settle();
    expect(sim.counters!.requests).toBe(1);
    clock.advance(1);
    await settle();
    expect(sim.counters!.requests).toBe(2);
    clock.advance(50);
    await settle();
    expect((await reading).reading.lowVoltageProtection).toBe(11);

    sim.inject({ kind: "silence" });
    const lost = failure(controller.readLoad());
    clock.advance(50);
    await settle();
    clock.advance(999);
    await settle();
    expect(sim.counters!.requests).toBe(4);
    clock.advance(100);
    expect(await lost).toMatchObject({ code: "timeout" });
  });

  it("the simulator's own clock drives the day with start()", async () => {
    const clock = new ManualClock();
    const sim = new VoltaicSimulator({ clock, hour: 5 });
    sim.start(1000, 3600); // an hour per second
    expect(sim.snapshot.irradiance).toBe(0);
    clock.advance(2000);
    expect(sim.snapshot.hour).toBeCloseTo(7, 5);
    expect(sim.snapshot.irradiance).toBeGreaterThan(0);
    await sim.stop();
    clock.advance(5000);
    expect(sim.snapshot.hour).toBeCloseTo(7, 5);
  });
});
