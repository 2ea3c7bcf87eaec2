import { ManualClock } from "@batt/core/testing";
import { describe, expect, it } from "vitest";
import { SurplusController, applySurplusDecision } from "../src/index.js";
import { failure, rig } from "./support.js";

const MIN = 60_000;

describe("SurplusController: solar-surplus charging as pure logic (ManualClock)", () => {
  it("starts on one phase after the enable delay, moves up to three, and tracks the surplus within 6–16 A", () => {
    const clock = new ManualClock();
    const control = new SurplusController(clock, { maxCurrent: 16, enableDelayMs: MIN, phaseDelayMs: 5 * MIN, eepromMinIntervalMs: MIN }, { charging: false, phases: 1, current: 6 });
    // 6 A × 230 V = 1380 W on one phase; + 300 W hysteresis = 1680 W to start.
    expect(control.decide(1600)).toMatchObject({ charging: false, start: false, reason: "too little surplus" });
    expect(control.decide(1700)).toMatchObject({ charging: false, reason: "waiting to start" });
    clock.advance(MIN - 1);
    expect(control.decide(1700).start).toBe(false);
    clock.advance(1);
    expect(control.decide(1700)).toEqual({ charging: true, phases: 1, current: 7, available: 1700, start: true, stop: false, switchPhases: false, changeCurrent: true, reason: "surplus enough to start" });
    // Car draws 1610 W (7 A), export 2000 W more: 3610 W → 15 A on one phase.
    clock.advance(1000);
    expect(control.decide(2000, 1610)).toMatchObject({ phases: 1, current: 15, changeCurrent: true, switchPhases: false });
    // 3 × 6 A × 230 V = 4140 W, + 300 W: three phases are due from 4440 W, after 5 min.
    clock.advance(1000);
    expect(control.decide(1100, 3450)).toMatchObject({ phases: 1, current: 16, switchPhases: false });
    clock.advance(5 * MIN);
    expect(control.decide(1100, 3450)).toMatchObject({ phases: 3, current: 6, switchPhases: true, reason: "switch to 3 phases" });
  });

  it("stops only after the disable delay and the minimum on time, and stays off for the minimum off time", () => {
    const clock = new ManualClock();
    const control = new SurplusController(clock, { enableDelayMs: 0, disableDelayMs: 3 * MIN, minOnMs: 5 * MIN, minOffMs: 5 * MIN, phases: [1] }, { charging: false, phases: 1, current: 6 });
    expect(control.decide(2000).start).toBe(true);
    // 1380 − 300 = 1080 W is the stop threshold; the minimum current is held meanwhile.
    clock.advance(MIN);
    expect(control.decide(-500, 1380)).toMatchObject({ charging: true, current: 6, stop: false });
    clock.advance(3 * MIN);
    expect(control.decide(-500, 1380)).toMatchObject({ charging: true, stop: false }); // on for 4 min only
    clock.advance(MIN);
    expect(control.decide(-500, 1380)).toMatchObject({ charging: false, stop: true, reason: "surplus too small: stop" });
    expect(control.decide(5000)).toMatchObject({ charging: false, start: false });
    clock.advance(5 * MIN);
    expect(control.decide(5000)).toMatchObject({ charging: true, start: true, current: 21 });
  });

  it("changes an EEPROM-backed current (G2 0x0668) and the phase switch no sooner than the write guard allows", () => {
    const clock = new ManualClock();
    const control = new SurplusController(clock, { enableDelayMs: 0, phaseDelayMs: 0, eepromMinIntervalMs: MIN, currentInEeprom: true, phases: [3] }, { charging: false, phases: 3, current: 6 });
    expect(control.decide(5000)).toMatchObject({ start: true, current: 7 });
    clock.advance(MIN - 1);
    expect(control.decide(3000, 4830)).toMatchObject({ current: 7, changeCurrent: false });
    clock.advance(1);
    expect(control.decide(3000, 4830)).toMatchObject({ current: 11, changeCurrent: true });
  });

  it("refuses what it cannot work with", async () => {
    const clock = new ManualClock();
    expect(() => new SurplusController(clock, { maxCurrent: 40 })).toThrow(/6–32 A/);
    expect(() => new SurplusController(clock, { minCurrent: 10, maxCurrent: 8 })).toThrow(/min ≤ max/);
    expect(() => new SurplusController(clock).decide(Number.NaN)).toThrow(/must be numbers/);
  });
});

describe("applySurplusDecision on the simulator", () => {
  it("sets the current and starts charging, each confirmed by the driver", async () => {
    const { charger, sim } = await rig({ charger: { generation: "g1" } });
    sim.plugIn();
    await charger.stopCharging();
    const control = new SurplusController(new ManualClock(), { enableDelayMs: 0, phases: [3], maxCurrent: 16 }, { charging: false, phases: 3, current: 16 });
    expect(await applySurplusDecision(charger, control.decide(2300 * 3))).toEqual(["current", "start"]);
    sim.step(1000);
    const status = await charger.readStatus();
    expect([status.state.name, status.currentL1]).toEqual(["Charging", 10]);
    expect(await failure(applySurplusDecision(charger, { ...control.decide(0), changeCurrent: true, current: 40, charging: true }))).toMatchObject({ code: "invalid-argument" });
  });
});
