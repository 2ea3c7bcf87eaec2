import { describe, expect, it } from "vitest";
import { VOLTAIC_INPUT_REGISTERS } from "../src/index.js";
import { Battery, clearSkyIrradiance, VoltaicSimulator } from "../src/simulator/index.js";

describe("simulated solar system", () => {
  it("has a half-sine day: dark before 6:00 and after 18:00, peak at noon", () => {
    expect([0, 5.9, 6, 18, 23].map((h) => clearSkyIrradiance(h))).toEqual([0, 0, 0, 0, 0]);
    expect(clearSkyIrradiance(12)).toBe(1000);
    expect(clearSkyIrradiance(9)).toBeCloseTo(707.1, 1);
    expect(clearSkyIrradiance(36)).toBe(1000);
  });

  it("charges the battery by day and drains it by night", () => {
    const battery = new Battery({ soc: 0.5, capacityAh: 10 });
    battery.flow(5, 1);
    expect(battery.soc).toBe(1);
    expect(battery.terminalVoltage(0)).toBe(13.6);
    battery.flow(-20, 1);
    expect(battery.soc).toBe(0);
  });

  it("keeps the high word of the energy counters in 0x3052 once they pass 655.35 kWh", () => {
    const sim = new VoltaicSimulator({ panelWatts: 60_000, controllerRatingA: 10_000, battery: { capacityAh: 1e7, soc: 0.2, resistanceOhm: 1e-5 }, hour: 0 });
    sim.step(3 * 24 * 3_600_000);
    const block = sim.bank.inputRegisters.read(0x3030, 43);
    const values = VOLTAIC_INPUT_REGISTERS.decodePartial(0x3030, block);
    const counter = Math.round(sim.snapshot.pvEnergyWh / 10);
    expect(counter).toBeGreaterThan(0xffff);
    expect(values.raw3052).toBe(Math.floor(counter / 0x10000));
    expect(values.pvEnergyTotal).toBe((counter % 0x10000) / 100);
    expect(sim.bank.inputRegisters.get(0x30a0)).toBe(sim.bank.inputRegisters.get(0x3046));
  });
});
