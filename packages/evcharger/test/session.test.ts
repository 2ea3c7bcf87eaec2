import { describe, expect, it } from "vitest";
import { failure, rig } from "./support.js";

const MINUTE = 60_000;

describe("an EV charging session against the simulator", () => {
  it("plugs in, starts, changes the current, accumulates energy, stops and unplugs", async () => {
    const { charger, sim } = await rig({ sim: { totalEnergy: 1_000_000 } });
    sim.model.plugAndCharge = false; // wait for a start command
    sim.plugIn();
    expect((await charger.readStatus()).state.name).toBe("Preparing");

    expect(await charger.startCharging()).toEqual({ command: "startCharging", state: "Charging", confirmed: true });
    expect(await charger.setChargeCurrent(10)).toEqual({ name: "maxCurrent", previous: 16, value: 10, written: true });
    sim.step(30 * MINUTE);
    const charging = await charger.readStatus();
    expect(charging.state.name).toBe("Charging");
    expect(charging.currentL1).toBe(10);
    expect(charging.currentL3).toBe(10);
    expect(charging.totalPower).toBeGreaterThan(6800);
    expect(charging.sessionEnergy).toBe(3400); // Wh: 3 × 230 V × 10 A × 0.5 h = 3450 Wh, in 0.1 kWh steps
    expect(charging.totalEnergy).toBe(1_003_400);
    expect(charging.chargingTime).toBe(1800);
    expect(charging.cpVoltage).toBe(6);
    expect(charging.duty).toBe(16.7); // 10 A / 0.6 = 16.67 %, in 0.1 % steps

    expect(await charger.stopCharging()).toMatchObject({ state: "Finishing", confirmed: true });
    sim.step(10 * MINUTE);
    const finished = await charger.readStatus();
    expect(finished.totalPower).toBe(3); // idle reading of a real charger
    expect(finished.sessionEnergy).toBe(3400);
    sim.unplug();
    const idle = await charger.readStatus();
    expect(idle.state.name).toBe("Available");
    expect(idle.cpVoltage).toBe(12);
  });

  it("plug and charge starts at once; the car can suspend; Stop mode suspends until a start command", async () => {
    const { charger, sim } = await rig({ charger: { eepromMinIntervalMs: 0 } });
    sim.plugIn(false);
    expect((await charger.readStatus()).state.name).toBe("SuspendedEV");
    sim.setEvReady(true);
    expect((await charger.readStatus()).state.name).toBe("Charging");
    expect(await charger.setMode("stop")).toMatchObject({ written: true, value: { name: "stop" } });
    expect((await charger.readStatus()).state.name).toBe("SuspendedEVSE");
    expect(await charger.setMode("fast")).toMatchObject({ written: true });
    expect((await charger.readStatus()).state.name).toBe("SuspendedEVSE");
    expect(await charger.startCharging()).toMatchObject({ state: "Charging", confirmed: true });
  });

  it("ECO mode limits the current to its gear", async () => {
    const { charger, sim } = await rig({ charger: { eepromMinIntervalMs: 0 } });
    sim.plugIn();
    await charger.writeSetting("ecoGear", "10A");
    await charger.setMode("eco");
    expect((await charger.readStatus()).currentL1).toBe(10);
  });

  it("reserves and cancels", async () => {
    const { charger } = await rig();
    expect(await charger.reserve()).toEqual({ command: "reserve", state: "Reserved", confirmed: true });
    expect(await charger.cancelReservation()).toEqual({ command: "cancelReservation", state: "Available", confirmed: true });
  });

  it("reports faults as named flags of the generation", async () => {
    const g1 = await rig();
    g1.sim.setFault((1 << 1) | (1 << 11));
    const status = await g1.charger.readStatus();
    expect(status.state.name).toBe("Faulted");
    expect(status.faultCode.names).toEqual(["emergencyStop", "overTemperature"]);
    const g2 = await rig({ sim: { generation: "g2" } });
    g2.sim.setFault(0x2 | 0x800000);
    expect((await g2.charger.readStatus()).faultCode.names).toEqual(["overcurrent", "relay1Welded"]);
  });

  it("refuses currents outside 6..32 A or above the rating before sending anything", async () => {
    const { charger, sim } = await rig({ charger: { generation: "g1" } });
    for (const amps of [5.99, 32.01, Number.NaN]) expect(await failure(charger.setChargeCurrent(amps))).toMatchObject({ code: "invalid-argument" });
    expect(sim.counters!.requests).toBe(0);
    expect(await failure(charger.setChargeCurrent(20))).toMatchObject({ code: "invalid-argument", context: { ratedCurrent: 16 } });
    expect(sim.writes).toHaveLength(0);
  });

  it("detects the generation: first-generation serial and firmware, or a HAC serial", async () => {
    const g1 = await rig();
    expect(await g1.charger.generation()).toBe("g1");
    const g2 = await rig({ sim: { generation: "g2" } });
    expect(await g2.charger.generation()).toBe("g2");
    const reading = await g2.charger.readAll();
    expect(reading.generation).toBe("g2");
    expect(reading.status.totalEnergy).toBe(1_234_500);
    expect(reading.settings.totalEnergy).toBe(1_234_500);
    expect(reading.warnings).toEqual([]);
    expect(reading.settings.serialNumber).toBe("503B0A1B2C3D4E");
    expect(reading.status.typePower.name).toBe("11kW");
    expect(reading.settings.timezone).toBe(60);
  });

  it("warns when a unit sends the energy counter in the other word order than its generation's", async () => {
    const { charger } = await rig({ charger: { generation: "g2" }, sim: { generation: "g2", wordOrders: { inputEnergyTotal: "high-first" }, totalEnergy: 7_456_500 } });
    const status = await charger.readAll();
    expect(status.warnings.join("\n")).toMatch(/high-first would give 7456500 Wh/);
  });

  it("changes its address and answers there", async () => {
    const { charger, sim, host } = await rig({ charger: { eepromMinIntervalMs: 0 } });
    expect(await charger.writeSetting("slaveAddress", 71)).toEqual({ name: "slaveAddress", previous: 70, written: true });
    expect(sim.address).toBe(71);
    const { EvCharger } = await import("../src/index.js");
    const moved = new EvCharger(host, { address: 71, timeoutMs: 100, minGapMs: 0 });
    charger.dispose();
    expect((await moved.readSettings()).settings.slaveAddress).toBe(71);
  });

  it("sets the clock in one write", async () => {
    const { charger, sim } = await rig();
    await charger.setClock({ year: 2025, month: 6, day: 30, hours: 13, minutes: 5, seconds: 59 });
    expect(sim.writes.map((w) => [w.address, w.values])).toEqual([[0x061e, [59, 5, 13, 30, 6, 25]]]);
    expect(await failure(charger.setClock({ year: 2025, month: 13, day: 1, hours: 0, minutes: 0, seconds: 0 }))).toMatchObject({ code: "invalid-argument" });
  });
});
