// The surplus controller's fail-safe decision (input lost) and its starting point from a charger's reading.
import { ManualClock } from "@batt/core/testing";
import { describe, expect, it } from "vitest";
import { SURPLUS_DEFAULTS, SurplusController, surplusSetup } from "../src/index.js";
import { rig } from "./support.js";

const MIN = 60_000;

describe("SurplusController.failSafe", () => {
  it("falls to the least current at once, stops after the stop delay and the minimum on time, and never starts", () => {
    const clock = new ManualClock();
    const control = new SurplusController(clock, { phases: [3], disableDelayMs: 3 * MIN, minOnMs: 5 * MIN, enableDelayMs: 0 }, { charging: true, phases: 3, current: 16 });
    expect(control.failSafe()).toMatchObject({ charging: true, current: 6, changeCurrent: true, stop: false, available: 0, reason: "input lost: current 6 A" });
    clock.advance(3 * MIN);
    // The minimum on time counts from the start of the controller's own session only; none here, so the stop delay decides.
    expect(control.failSafe()).toMatchObject({ charging: false, stop: true, reason: "input lost: surplus too small: stop" });
    clock.advance(60 * MIN);
    expect(control.failSafe()).toMatchObject({ charging: false, start: false, reason: "input lost: too little surplus" });
  });

  it("holds an EEPROM-backed current until the write guard allows a change", () => {
    const clock = new ManualClock();
    const control = new SurplusController(clock, { phases: [3], enableDelayMs: 0, currentInEeprom: true, eepromMinIntervalMs: MIN }, { charging: false, phases: 3, current: 6 });
    expect(control.decide(9000)).toMatchObject({ start: true, current: 13 });
    clock.advance(MIN - 1);
    expect(control.failSafe()).toMatchObject({ current: 13, changeCurrent: false });
    clock.advance(1);
    expect(control.failSafe()).toMatchObject({ current: 6, changeCurrent: true });
  });

  it("uses SURPLUS_DEFAULTS where options are absent or undefined", () => {
    const clock = new ManualClock();
    const control = new SurplusController(clock, { enableDelayMs: undefined }, { charging: false, phases: 3, current: 6 });
    // Enough for three phases at once, but the default enable delay (60 s) applies.
    expect(control.decide(9000).start).toBe(false);
    clock.advance(SURPLUS_DEFAULTS.enableDelayMs);
    expect(control.decide(9000)).toMatchObject({ start: true, phases: 3, current: 13 });
  });
});

describe("surplusSetup", () => {
  it("reads a charging 11 kW three-phase G1 charger: 16 A rating, both phase counts, volatile current", async () => {
    const { charger, sim } = await rig({ charger: { generation: "g1" } });
    sim.plugIn();
    const setup = surplusSetup(await charger.readAll(), 60_000);
    expect(setup).toEqual({ initial: { charging: true, phases: 3, current: 16 }, options: { maxCurrent: 16, phases: [1, 3], eepromMinIntervalMs: 60_000, currentInEeprom: false } });
  });

  it("reads a G2 with no car: not charging, the EEPROM-backed 0x0668 as the current", async () => {
    const { charger } = await rig({ charger: { generation: "g2" }, sim: { generation: "g2", powerClass: "22kW" } });
    const setup = surplusSetup(await charger.readAll(), 30_000);
    expect(setup).toEqual({ initial: { charging: false, phases: 3, current: 32 }, options: { maxCurrent: 32, phases: [1, 3], eepromMinIntervalMs: 30_000, currentInEeprom: true } });
  });
});
