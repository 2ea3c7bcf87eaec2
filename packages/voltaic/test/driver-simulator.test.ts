import { describe, expect, it } from "vitest";
import { rig, failure } from "./support.js";

const HOUR = 3_600_000;

describe("VoltaicController against the simulator", () => {
  it("reads what the simulated controller measures, in SI units", async () => {
    const { controller, sim } = await rig({ sim: { hour: 12, battery: { soc: 50 } } });
    sim.step(60_000);
    const s = sim.snapshot;
    const reading = await controller.readAll();
    expect(reading.address).toBe(1);
    expect(reading.values.batteryVoltage).toBeCloseTo(s.batteryVoltage, 2);
    expect(reading.values.batteryVoltageRealtime).toBe(reading.values.batteryVoltage);
    expect(reading.values.batteryCurrent).toBeCloseTo(s.batteryCurrent, 2);
    expect(reading.values.batteryCurrent).toBeGreaterThan(0); // charging at noon
    expect(reading.values.pvVoltage).toBeCloseTo(s.pvVoltage, 2);
    expect(reading.values.pvPower).toBeCloseTo(s.pvVoltage * s.pvCurrent, 1);
    expect(reading.values.loadVoltage).toBeCloseTo(s.loadVoltage, 2);
    expect(reading.values.batterySoc).toBe(Math.round(s.soc));
    expect(reading.loadOn).toBe(true);
    expect(reading.lowVoltageProtection).toBe(11);
    expect(reading.raw.map((b) => [b.address, b.registers.length])).toEqual([
      [0x3030, 43],
      [0x30a0, 3],
    ]);
  });

  it("follows a day: no PV at night, charging by day, energy counters rising", async () => {
    const { controller, sim } = await rig({ sim: { hour: 2, battery: { soc: 30, capacity: 100 } } });
    const night = await controller.readRealtime();
    expect(night.values.pvPower).toBe(0);
    expect(night.values.batteryCurrent).toBeLessThan(0);
    sim.step(10 * HOUR); // to noon
    const noon = await controller.readRealtime();
    expect(noon.values.pvPower).toBeGreaterThan(50);
    expect(noon.values.pvEnergyTotal).toBeGreaterThan(night.values.pvEnergyTotal);
    expect(noon.values.loadEnergyTotal).toBeGreaterThan(100); // Wh: 12 W for ten hours
  });

  it("decodes temperatures below zero", async () => {
    const { controller, sim } = await rig({ sim: { hour: 3, ambient: -15 } });
    sim.step(1000);
    const { values } = await controller.readRealtime();
    expect(values.environmentTemperature).toBeLessThan(0);
    expect(values.environmentTemperature).toBeCloseTo(sim.snapshot.environmentTemperature, 1);
  });

  it("switches the load off and on, with read-back", async () => {
    const { controller, sim } = await rig();
    expect(await controller.setLoad(false)).toEqual({ requested: false, on: false, loadVoltage: 0 });
    expect(sim.snapshot.loadOn).toBe(false);
    expect(await controller.readLoad()).toBe(false);
    const on = await controller.setLoad(true);
    expect(on.on).toBe(true);
    expect(on.loadVoltage).toBeGreaterThan(12);
  });

  it("disconnects the load at low voltage, refuses to switch it on, and reconnects after recovery", async () => {
    const { controller, sim } = await rig({ sim: { hour: 19, battery: { soc: 6, capacity: 2 }, loadPower: 24 } });
    expect(await controller.readLoad()).toBe(true);
    sim.step(2 * HOUR);
    expect(sim.snapshot.lowVoltageDisconnect).toBe(true);
    const reading = await controller.readAll();
    expect(reading.loadOn).toBe(false);
    expect(reading.values.loadVoltage).toBe(0);
    expect(reading.values.batteryVoltage).toBeLessThan(reading.lowVoltageProtection + 1);
    expect(await failure(controller.setLoad(true))).toMatchObject({ code: "verify-failed", context: { requested: true, readBack: false } });
    sim.step(14 * HOUR); // the next morning's sun
    expect(sim.snapshot.lowVoltageDisconnect).toBe(false);
    expect(await controller.readLoad()).toBe(true);
  });

  it("a higher threshold set over Modbus disconnects the load", async () => {
    const { controller, sim } = await rig({ sim: { hour: 22, battery: { soc: 20 } } });
    const result = await controller.setLowVoltageProtection(13);
    expect(result).toEqual({ previous: 11, value: 13, written: true, functionCode: 0x06 });
    sim.step(1000);
    expect(await controller.readLoad()).toBe(false);
    expect(sim.snapshot.lowVoltageDisconnect).toBe(true);
  });

  it("validates the threshold before sending anything and skips an unchanged value", async () => {
    const { controller, sim } = await rig();
    for (const bad of [9.99, 13.01, Number.NaN]) {
      expect(await failure(controller.setLowVoltageProtection(bad))).toMatchObject({ code: "invalid-argument" });
    }
    expect(sim.counters!.requests).toBe(0);
    expect(await controller.setLowVoltageProtection(11)).toEqual({ previous: 11, value: 11, written: false });
    expect(sim.writes).toHaveLength(0);
    expect(sim.counters!.requests).toBe(1);
  });

  it("accepts a wider range when configured, and the device's own refusal comes back as device-exception", async () => {
    const { controller } = await rig({ controller: { lvpRange: { min: 8, max: 16 } }, sim: { lvpLimits: { min: 9, max: 15 } } });
    expect(await failure(controller.setLowVoltageProtection(8.5))).toMatchObject({ code: "device-exception", context: { deviceCode: 3 } });
  });

  it("uses FC 0x10 when the firmware refuses FC 0x06", async () => {
    const { controller, sim, received } = await rig({ sim: { refuseSingleWrite: true } });
    expect(await controller.setLowVoltageProtection(11.8)).toMatchObject({ value: 11.8, functionCode: 0x10 });
    expect(received).toContain("01 86 01 83 a0");
    expect(sim.system.lowVoltageProtection).toBe(11.8);
  });

  it("answers the 0xFE wildcard from its own address; discover() finds a configured address", async () => {
    const wildcard = await rig({ controller: { address: 0xfe }, sim: { address: 7 } });
    expect((await wildcard.controller.read()).device.address).toBe(7);
    expect(wildcard.received[0]!.startsWith("07 04 56")).toBe(true);
    expect(await wildcard.controller.discover()).toBe(7);
    const wrong = await rig({ controller: { address: 1 }, sim: { address: 7 } });
    expect(await failure(wrong.controller.readLoad())).toMatchObject({ code: "timeout" });
  });
});
