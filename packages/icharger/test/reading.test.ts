import { createMemoryLink, type Transport } from "@batt/core";
import { ManualClock } from "@batt/core/testing";
import { afterEach, describe, expect, it } from "vitest";
import { ICharger, ICHARGER_LINK_DEFAULTS, runWrite } from "../src/index.js";
import { IChargerSimulator, type IChargerSimulatorOptions } from "../src/simulator/index.js";

/** A driver built from a transport (framing from the link kind) on a simulator, both on one manual clock. */
async function rig(link: "packet" | "stream", options: IChargerSimulatorOptions = {}): Promise<{ charger: ICharger; sim: IChargerSimulator; clock: ManualClock; close: () => Promise<void> }> {
  const clock = new ManualClock(0, Date.UTC(2026, 11, 6, 9, 15, 41));
  const { host, device } = link === "packet" ? createMemoryLink({ kind: "packet", packetSize: 64 }) : createMemoryLink({ info: { baudRate: 115200 } });
  await Promise.all([host.open(), device.open()]);
  const sim = new IChargerSimulator({ clock, ...options }).attach(device);
  const charger = new ICharger(host, { clock });
  const transports: Transport[] = [host, device];
  const close = async (): Promise<void> => {
    charger.dispose();
    await sim.stop();
    await Promise.all(transports.map((t) => t.close()));
  };
  return { charger, sim, clock, close };
}

/** Runs the clock's timers one per event-loop turn until `promise` settles (RTU waits a t3.5 silence before each request). */
async function settle<T>(clock: ManualClock, promise: Promise<T>): Promise<T> {
  let done = false;
  void promise.finally(() => (done = true)).catch(() => undefined);
  while (!done) {
    await new Promise((resolve) => setImmediate(resolve));
    clock.runNext();
  }
  return promise;
}

const PACKS = { packs: [{ cells: 4, cellVoltages: [3.81, 3.82, 3.83, 3.84] }, { cells: 3, cellVoltages: [3.7, 3.7, 3.7] }] } as const;

describe("read(): the shared reading of a known simulator state", () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  it("gives both idle channels as battery summaries, the charger's measurements and its identity (USB)", async () => {
    const r = await rig("packet", PACKS);
    close = r.close;
    const reading = await r.charger.read();
    expect(reading.time).toBe("2026-12-06T09:15:41.000Z");
    expect(reading.device).toEqual({ driver: "icharger", category: "charger", manufacturer: "Junsi", model: "iCharger 308 DUO", serial: "308DUO-SIM1", firmware: "2.18", hardware: "1.00" });
    expect(reading.batteries).toEqual([
      {
        id: "ch1",
        name: "Channel 1",
        voltage: 15.3,
        current: 0,
        power: 0,
        soc: null,
        cellVoltages: [3.81, 3.82, 3.83, 3.84],
        temperatures: [25],
        chargeAllowed: false,
        dischargeAllowed: false,
        remainingCapacity: null,
        fullCapacity: null,
        alarms: [],
      },
      {
        id: "ch2",
        name: "Channel 2",
        voltage: 11.1,
        current: 0,
        power: 0,
        soc: null,
        cellVoltages: [3.7, 3.7, 3.7],
        temperatures: [25],
        chargeAllowed: false,
        dischargeAllowed: false,
        remainingCapacity: null,
        fullCapacity: null,
        alarms: [],
      },
    ]);
    const values = Object.fromEntries(reading.measurements.map((m) => [m.key, m.value]));
    expect(values).toMatchObject({
      ch1_voltage: 15.3,
      ch1_cell_4: 3.84,
      ch1_cell_delta: 0.03,
      ch2_cell_3: 3.7,
      input_voltage: 24,
      ch1_capacity: 0,
      ch1_run_time: 0,
      ch1_internal_temperature: 25,
      ch1_run_state: "idle",
      ch1_run_status: 0,
      ch1_control_state: "stopped",
      ch1_run_error: "OK",
      ch1_run_error_code: 0,
      ch1_balancing: false,
      ch1_internal_resistance: null,
      ch2_run_state: "idle",
    });
    const runState = reading.measurements.find((m) => m.key === "ch1_run_state")!;
    expect(runState).toMatchObject({ kind: "enum", battery: "ch1", name: "Channel 1 Run state" });
    expect(runState.options).toEqual(["idle", "stopped", "start", "check", "charging", "storage", "discharging", "balance", "done", "error", "unknown"]);
    expect(reading.measurements.find((m) => m.key === "ch1_capacity")).toMatchObject({ unit: "Ah", kind: "charge" });
    expect(reading.reading.channels[0]).toMatchObject({ outputVoltage: 15.3, cells: [3.81, 3.82, 3.83, 3.84, 0, 0, 0, 0] });
  });

  it("gives a charging channel: current, signed power, charge moved and run state (serial)", async () => {
    const r = await rig("stream", PACKS);
    close = r.close;
    const run = runWrite(0, 0, 0); // charge, preset 0 (LiPo 2 A), channel 1
    r.sim.device.writeRegisters(run.address, run.values);
    r.sim.step(2600); // 100 ms start + 200 ms check + 2300 ms at 2 A (15 regulator time constants)
    const reading = await settle(r.clock, r.charger.read());
    // Cells: OCV (+0.3 mV for the 1.2 mAh moved) + 2 A × 25 mΩ; output: the 4 cells + 2 A × 10 mΩ of leads;
    // power register round(15521 mV × 2.00 A / 10) = 3104 × 10 mW.
    expect(reading.batteries[0]).toMatchObject({
      voltage: 15.521,
      current: 2,
      power: 31.04,
      cellVoltages: [3.86, 3.87, 3.88, 3.89],
      temperatures: [25],
      chargeAllowed: true,
      dischargeAllowed: false,
      alarms: [],
    });
    const values = Object.fromEntries(reading.measurements.map((m) => [m.key, m.value]));
    expect(values).toMatchObject({ ch1_run_state: "charging", ch1_run_status: 7, ch1_control_state: "b.cc", ch1_run_time: 2.6, ch1_capacity: 0.001, ch1_internal_temperature: 25.6 });
    expect(reading.device.address).toBe(1);
  });

  it("maps a run error onto the shared alarm ids where the meaning is the same, else an icharger- id", async () => {
    const r = await rig("packet", PACKS);
    close = r.close;
    r.sim.device.failNextStart(0, 0x1700); // cells over
    r.sim.device.failNextStart(1, 0x2300); // channel occupied
    for (const channel of [0, 1]) {
      const run = runWrite(0, 0, channel);
      r.sim.device.writeRegisters(run.address, run.values);
    }
    r.sim.step(500);
    const reading = await r.charger.read();
    expect(reading.batteries[0]!.alarms).toEqual([{ id: "cell-overvoltage", name: "Cell over-voltage", severity: "protection" }]);
    expect(reading.batteries[1]!.alarms).toEqual([{ id: "icharger-channel-occupied", name: "Run error: channel occupied", severity: "protection" }]);
    const values = Object.fromEntries(reading.measurements.map((m) => [m.key, m.value]));
    expect(values).toMatchObject({ ch1_run_state: "error", ch1_run_error: "cells over", ch1_run_error_code: 2300, ch2_run_error_code: 3500, ch1_alarm_count: 1 });
  });

  it("identifies once and caches the identity; the link defaults retry reads once", async () => {
    const r = await rig("packet", PACKS);
    close = r.close;
    const first = await r.charger.identify();
    const requests = r.charger.counters.requests;
    expect(await r.charger.identify()).toBe(first);
    expect(r.charger.counters.requests).toBe(requests);
    expect(ICHARGER_LINK_DEFAULTS).toEqual({ timeoutMs: 1000, minGapMs: 0, retry: { retries: 1 } });
  });
});
