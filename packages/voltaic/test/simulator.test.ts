import { describe, expect, it } from "vitest";
import { VOLTAIC_INPUT_REGISTERS } from "../src/index.js";
import { clearSkyIrradiance, SolarSystem, VoltaicSimulator } from "../src/simulator/index.js";

describe("simulated solar system", () => {
  it("has a half-sine day: dark before 6:00 and after 18:00, peak at noon", () => {
    expect([0, 5.9, 6, 18, 23].map((h) => clearSkyIrradiance(h))).toEqual([0, 0, 0, 0, 0]);
    expect(clearSkyIrradiance(12)).toBe(1000);
    expect(clearSkyIrradiance(9)).toBeCloseTo(707.1, 1);
    expect(clearSkyIrradiance(36)).toBe(1000);
  });

  it("its battery is core's model of a 4-cell LiFePO4 pack, state of charge in %", () => {
    const system = new SolarSystem({ battery: { soc: 50, capacity: 10 }, hour: 0, loadOn: false });
    expect(system.battery.chemistry).toBe("lifepo4");
    expect(system.battery.cells).toHaveLength(4);
    // At rest: 4 × the LiFePO4 open-circuit voltage at 50 % (3.31 V).
    expect(system.snapshot.batteryVoltage).toBeCloseTo(13.24, 6);
    expect(system.snapshot.soc).toBe(50);
    system.setLoad(true);
    system.step(3_600_000); // an hour of 12 W at night: about 0.9 Ah of 10
    expect(system.snapshot.soc).toBeGreaterThan(40);
    expect(system.snapshot.soc).toBeLessThan(42);
  });

  it("refuses a state of charge outside 0..100 %", () => {
    expect(() => new SolarSystem({ battery: { soc: 0.5 * 300 } })).toThrow(expect.objectContaining({ code: "invalid-argument" }));
  });

  it("keeps the energy counters as 32 bits, low word first (0x3053:0x3054), once they pass 655.35 kWh", () => {
    const sim = new VoltaicSimulator({ panelPower: 60_000, controllerRating: 10_000, battery: { capacity: 1e7, soc: 20, cellResistance: 2.5e-6 }, hour: 0 });
    sim.step(3 * 24 * 3_600_000);
    const block = sim.bank.inputRegisters.read(0x3030, 43);
    const values = VOLTAIC_INPUT_REGISTERS.decodePartial(0x3030, block);
    const counter = Math.round(sim.snapshot.pvEnergy / 10);
    expect(counter).toBeGreaterThan(0xffff);
    expect(sim.bank.inputRegisters.read(0x3053, 2)).toEqual([counter % 0x10000, Math.floor(counter / 0x10000)]);
    expect(values.pvEnergyTotal).toBe(counter * 10);
    expect(sim.bank.inputRegisters.get(0x30a0)).toBe(sim.bank.inputRegisters.get(0x3046));
  });
});
