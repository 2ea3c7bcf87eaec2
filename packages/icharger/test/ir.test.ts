import { describe, expect, it } from "vitest";
import { failure } from "@batt/test-support/failure";
import { computeIr, Order } from "../src/index.js";
import { hidRig, rigPerTest, rtuRig, sleep, type Rig } from "./support/rigs.js";

describe("IR computation (docs/protocols/icharger.md#internal-resistance-measurement)", () => {
  it("reproduces docs/protocols/icharger.md#seed-ir-example: 4.44 A, 3.815 → 3.685 V is 29.3 mΩ; ratios against the mean", () => {
    const r = computeIr([3.815, 3.815, 3.815, 3.811], [3.685, 3.688, 3.684, 3.663], -4.44);
    expect(r.current).toBe(4.44);
    expect(r.cellIr).toEqual([0.02928, 0.0286, 0.0295, 0.03333]);
    expect(r.cellIr.map((x) => Math.round(x * 10_000) / 10)).toEqual([29.3, 28.6, 29.5, 33.3]);
    // The seed prints 0.970, 0.948, (0.978,) 1.104 from rounded values.
    [0.97, 0.948, 0.978, 1.104].forEach((ratio, i) => expect(Math.abs(r.irRatio[i]! - ratio)).toBeLessThan(0.002));
    expect(r.packIr).toBeCloseTo(0.12072, 4);
  });

  it("refuses mismatched or empty inputs and a vanishing current", () => {
    expect(() => computeIr([3.8], [3.7, 3.7], 5)).toThrow(expect.objectContaining({ code: "invalid-argument" }));
    expect(() => computeIr([], [], 5)).toThrow(expect.objectContaining({ code: "invalid-argument" }));
    expect(() => computeIr([3.8], [3.799], 0.001)).toThrow(expect.objectContaining({ code: "invalid-argument" }));
  });
});

describe("automatic IR measurement against the simulator", () => {
  const open = rigPerTest(hidRig);
  const runOrders = (r: Rig): number[] => r.sim.device.orders.map((o) => o.order);

  it("is accurate within 3 % per cell over serial too, with the output IR including the leads", async () => {
    const irs = [0.04, 0.035, 0.045];
    const r = await open({ sim: { packs: [{ cells: 3, cellResistance: irs, leadResistance: 0.012, cellVoltages: [3.85, 3.87, 3.86] }] } }, rtuRig);
    const result = await r.charger.measureIr({ channel: 0, preset: 0 });
    result.cellIr.forEach((x, i) => expect(Math.abs(x - irs[i]!) / irs[i]!).toBeLessThan(0.03));
    expect(Math.abs(result.outputIr - result.packIr - 0.012)).toBeLessThan(0.0005);
    expect(r.sim.device.channels[0]!.running).toBe(false);
  });

  it("stops the channel when the link is cut mid-measurement and comes back", async () => {
    const r = await open();
    const measuring = r.charger.measureIr({
      channel: 0,
      preset: 0,
      onProgress: (event) => {
        if (event.phase === "started") {
          r.link.inject({ direction: "tx", fault: { kind: "drop" }, times: Infinity });
          r.link.inject({ direction: "rx", fault: { kind: "drop" }, times: Infinity });
          // Long enough for the sample read (and its retry) and the first STOP to time out.
          void sleep(r.clock, 2500).then(() => r.link.clear());
        }
      },
    });
    const error = await failure(measuring);
    expect(error.code).toBe("timeout");
    expect(r.charger.access.counters.timeouts).toBe(3); // two sample reads, one STOP; the second STOP got through
    expect(r.sim.device.channels[0]!.running).toBe(false);
    expect(runOrders(r)).toEqual([Order.Run, Order.Stop]);
  });

  it("stops the channel when replies are lost for good (the STOP still reaches the charger) and says so", async () => {
    const r = await open();
    const error = await failure(
      r.charger.measureIr({
        channel: 0,
        preset: 0,
        onProgress: (event) => {
          if (event.phase === "started") r.link.inject({ direction: "rx", fault: { kind: "drop" }, times: Infinity });
        },
      }),
    );
    expect(error.message).toContain("may still be discharging");
    expect(r.sim.device.channels[0]!.running).toBe(false);
    expect(runOrders(r).filter((o) => o === Order.Stop).length).toBeGreaterThanOrEqual(1);
  });

  it("stops the channel when aborted", async () => {
    const r = await open();
    const controller = new AbortController();
    const error = await failure(
      r.charger.measureIr({
        channel: 0,
        preset: 0,
        signal: controller.signal,
        onProgress: (event) => {
          if (event.phase === "sample") controller.abort();
        },
      }),
    );
    expect(error.code).toBe("aborted");
    expect(r.sim.device.channels[0]!.running).toBe(false);
    expect(runOrders(r)).toEqual([Order.Run, Order.Stop]);
  });

  it("gives up after the pulse cap when the current never settles, and stops", async () => {
    const r = await open({ sim: { packs: [{ cells: 4, cellVoltages: [3.9, 3.9, 3.9, 3.9] }] } });
    await r.charger.writeSystemSettings({ dischargePowerCh1: 5 }); // 5 W: ~0.3 A, far from the 4 A settle level
    const error = await failure(r.charger.measureIr({ channel: 0, preset: 0, maxPulseMs: 2000 }));
    expect(error.code).toBe("timeout");
    expect(error.message).toContain("did not settle");
    expect(r.sim.device.channels[0]!.running).toBe(false);
  });

  it("reports a program the charger ends during the pulse (a cell reaches the discharge voltage under load)", async () => {
    // 3.6 V cells with 40 mΩ drop below 3.5 V at 5 A: the charger ends the discharge at once.
    const r = await open({ sim: { packs: [{ cells: 3, cellResistance: 0.04, cellVoltages: [3.6, 3.6, 3.6] }] } });
    const error = await failure(r.charger.measureIr({ channel: 0, preset: 0 }));
    expect(error.code).toBe("device-exception");
    expect(error.message).toContain("stopped during the pulse (run status 40 done");
    expect(r.sim.device.channels[0]!.running).toBe(false);
  });

  it("refuses to start with cells out of range, a nickel preset, a preset above the current cap, or a busy channel", async () => {
    const r = await open({ sim: { packs: [{ chemistry: "LiFe", cells: 4, cellVoltages: [3.6, 3.6, 2.7, 3.6] }, { cells: 4, cellVoltages: [3.48, 3.8, 3.8, 3.8] }] } });
    const cases: [Parameters<typeof r.charger.measureIr>[0], string][] = [
      [{ channel: 0, preset: 0 }, "cell 3 at 2.700 V"],
      [{ channel: 1, preset: 0 }, "discharge voltage"],
      [{ channel: 1, preset: 3 }, "NiMH"],
      [{ channel: 1, preset: 0, maxCurrent: 4 }, "exceeds the cap"],
      [{ channel: 1, preset: 9 }, "empty"],
      [{ channel: 0, preset: 0, maxPulseMs: 60_000 }, "maxPulseMs"],
      [{ channel: 0, preset: 0, maxCurrent: 50 }, "maxCurrent"],
    ];
    for (const [options, text] of cases) {
      const error = await failure(r.charger.measureIr(options));
      expect(error.code, text).toBe("invalid-argument");
      expect(error.message).toContain(text);
    }
    await r.charger.start({ channel: 1, preset: 1, operation: "charge" });
    expect((await failure(r.charger.measureIr({ channel: 1, preset: 0 }))).message).toContain("running");
    expect(runOrders(r)).toEqual([Order.Run]); // only the charge started above
  });
});
