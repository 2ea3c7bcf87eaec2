import { describe, expect, it } from "vitest";
import { JkDevice, JkPbSimulator, JkSimulator, ManualClock, PackModel, limitsFromJkSettings, defaultJkSettings } from "../src/simulator/index.js";

const range = (v: readonly number[]): number => Math.max(...v) - Math.min(...v);

describe("simulated pack", () => {
  it("moves voltages and SOC with the current", () => {
    const device = new JkDevice({ pack: { cells: 4, soc: 50, capacity: 10, socSpread: 0 } });
    const pack = device.pack;
    const rest = pack.totalVoltage();
    pack.demand = -10; // 1 C discharge for 20 minutes
    device.step(20 * 60_000);
    expect(pack.soc()).toBeCloseTo(50 - 100 / 3, 6);
    expect(pack.totalVoltage()).toBeLessThan(rest);
    pack.demand = 5;
    device.step(60 * 60_000);
    expect(pack.soc()).toBeCloseTo(50 - 100 / 3 + 50, 6);
    expect(pack.dischargedAh).toBeCloseTo(10 / 3, 6);
  });

  it("trips cell undervoltage after its delay and releases when charged again", () => {
    const device = new JkDevice({ pack: { cells: 4, soc: 2, capacity: 10, socSpread: 0 } });
    const pack = device.pack;
    pack.demand = -5;
    device.step(60_000);
    expect(pack.protections.active.has("cellUndervoltage")).toBe(false);
    device.step(180_000);
    expect(pack.protections.active.has("cellUndervoltage")).toBe(true);
    expect(pack.current).toBe(0);
    const values = device.values();
    expect((values["warnings"] as { flags: { cellUndervoltage: boolean } }).flags.cellUndervoltage).toBe(true);
    expect((values["status"] as { flags: { dischargeMosOn: boolean } }).flags.dischargeMosOn).toBe(false);
    pack.demand = 5;
    device.step(20 * 60_000);
    expect(pack.protections.active.has("cellUndervoltage")).toBe(false);
  });

  it("trips cell overvoltage when charging a full pack", () => {
    // Core's LiFePO4 curve ends at 3.6 V at rest: the charge current through 10 mΩ lifts a full cell to 3.7 V, over the 3.65 V protection.
    const device = new JkDevice({ pack: { cells: 4, soc: 99, capacity: 10, socSpread: 0, cellResistance: 0.01 } });
    device.pack.demand = 10;
    device.step(10 * 60_000);
    expect(device.pack.protections.active.has("cellOvervoltage")).toBe(true);
    expect(device.pack.chargeMos).toBe(false);
  });

  it("trips discharge overcurrent and releases after the hold time", () => {
    const device = new JkDevice({ pack: { cells: 4, soc: 80, capacity: 10 } });
    device.pack.demand = -40; // limit: 15 A
    device.step(5_000);
    expect(device.pack.protections.active.has("dischargeOvercurrent")).toBe(true);
    device.pack.demand = -5;
    device.step(31_000);
    expect(device.pack.protections.active.has("dischargeOvercurrent")).toBe(false);
    expect(device.pack.current).toBe(-5);
  });

  it("balances: the spread shrinks above the start voltage, not with the balancer off", () => {
    const run = (balance: boolean): number => {
      const pack = new PackModel({ cells: 8, soc: 96, socSpread: 3, capacity: 1, chemistry: "lifepo4" });
      const limits = { ...limitsFromJkSettings(defaultJkSettings(pack)), balanceEnabled: balance };
      pack.step(0, limits);
      const before = range(pack.cellVoltages());
      pack.step(10 * 60_000, limits);
      return range(pack.cellVoltages()) - before;
    };
    expect(run(true)).toBeLessThan(0);
    expect(run(false)).toBe(0);
  });

  it("is deterministic for a seed", () => {
    const a = new PackModel({ seed: 7, cells: 5 });
    const b = new PackModel({ seed: 7, cells: 5 });
    expect(a.cellVoltages()).toEqual(b.cellVoltages());
    expect(new PackModel({ seed: 8, cells: 5 }).cellVoltages()).not.toEqual(a.cellVoltages());
  });
});

describe("simulators on a clock", () => {
  it("advance their packs tick by tick after start(), 4E57 and JK-PB alike, and stand still after stop()", async () => {
    const clock = new ManualClock();
    const pack = { cells: 4, soc: 50, capacity: 10, current: -10 };
    const sim = new JkSimulator({ clock, pack });
    const pb = new JkPbSimulator({ clock, packs: [{ address: 1, pack }] });
    const ref = new JkSimulator({ pack });
    const pbRef = new JkPbSimulator({ packs: [{ address: 1, pack }] });
    sim.start();
    pb.start(500);
    clock.advance(60_000);
    for (let i = 0; i < 60; i++) ref.step(1000);
    for (let i = 0; i < 120; i++) pbRef.step(500);
    expect(sim.device.pack.soc()).toBeLessThan(50);
    expect(pb.pack(1).pack.soc()).toBeLessThan(50);
    expect(sim.device.pack.soc()).toBe(ref.device.pack.soc());
    expect(pb.pack(1).pack.soc()).toBe(pbRef.pack(1).pack.soc());
    await Promise.all([sim.stop(), pb.stop()]);
    const socs = [sim.device.pack.soc(), pb.pack(1).pack.soc()];
    clock.advance(60_000);
    expect([sim.device.pack.soc(), pb.pack(1).pack.soc()]).toEqual(socs);
    expect(clock.pending).toBe(0);
    expect(() => sim.start(0)).toThrow(expect.objectContaining({ code: "invalid-argument" }));
  });
});
