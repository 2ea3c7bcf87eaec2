import { createMemoryLink } from "@batt/core";
import { ManualClock } from "@batt/core/testing";
import { describe, expect, it } from "vitest";
import { EVCHARGER_LINK_DEFAULTS, EvCharger, READ_RETRY } from "../src/index.js";
import { EvChargerSimulator } from "../src/simulator/index.js";
import { failure, settle } from "./support.js";

describe("the timing rules of docs/protocols/evcharger.md#physical-layer-and-timing are the default pacing (virtual time)", () => {
  it("waits 1 s between instructions and gives up after 1 s without a reply", async () => {
    const clock = new ManualClock();
    const { host, device } = createMemoryLink();
    await Promise.all([host.open(), device.open()]);
    const sim = new EvChargerSimulator().attach(device);
    const charger = new EvCharger(host, { clock, generation: "g1", retry: { retries: 0 } });
    expect(EVCHARGER_LINK_DEFAULTS).toEqual({ timeoutMs: 1000, minGapMs: 1000, retry: READ_RETRY });

    const first = charger.readStatus();
    await settle();
    await first;
    const second = charger.readSettings();
    await settle();
    expect(sim.counters!.requests).toBe(1);
    clock.advance(999);
    await settle();
    expect(sim.counters!.requests).toBe(1);
    clock.advance(1);
    await settle();
    expect(sim.counters!.requests).toBe(2);
    for (let i = 0; i < 3; i++) {
      clock.advance(1000);
      await settle();
    }
    await second;
    expect(sim.counters!.requests).toBe(4);

    sim.inject({ kind: "silence" });
    const lost = failure(charger.readStatus());
    clock.advance(1000);
    await settle();
    expect(sim.counters!.requests).toBe(5);
    clock.advance(999);
    await settle();
    clock.advance(2);
    expect(await lost).toMatchObject({ code: "timeout" });
  });
});
