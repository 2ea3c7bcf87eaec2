import type { ButtonControl, DeviceControl } from "@batt/core";
import { describe, expect, it } from "vitest";
import { BALANCE_PORT_ERROR, ichargerControls, Order, PROGRAM_BUTTONS, type ICharger } from "../src/index.js";
import { simPackOf } from "../src/cli/sim-options.js";
import { hidRig, rigPerTest, sleep } from "./support/rigs.js";

const button = (controls: readonly DeviceControl[], key: string): ButtonControl => {
  const found = controls.find((c) => c.key === key);
  if (found?.kind !== "button") throw new Error(`no button ${key}`);
  return found;
};
const refused = (p: Promise<unknown>): Promise<unknown> => p.then(() => "resolved", (e: unknown) => e);
/** A 4S LiPo below the storage voltage (3.85 V) with cell 2 high, so every program has work to do. */
const PACK = { cells: 4, capacity: 2.2, cellVoltages: [3.8, 3.83, 3.8, 3.8] };

/** What each program shows once its press has resolved: run state read back, sign of the current, balancing. */
const EXPECTED: Readonly<Record<string, { readonly runState: string; readonly current: "positive" | "negative" | "zero"; readonly balancing: boolean }>> = {
  charge: { runState: "charging", current: "positive", balancing: true },
  discharge: { runState: "discharging", current: "negative", balancing: false },
  // Storage from below the storage voltage charges towards it (run status 7, docs/protocols/icharger.md#status-and-error-codes).
  storage: { runState: "charging", current: "positive", balancing: false },
  balance: { runState: "balance", current: "zero", balancing: true },
};

const sign = (current: number): "positive" | "negative" | "zero" => (current > 0.05 ? "positive" : current < -0.05 ? "negative" : "zero");

async function channelOne(charger: ICharger): Promise<{ runState: unknown; current: number; balancing: boolean; run: boolean }> {
  const status = await charger.readChannelStatus(0);
  return { runState: status.runStatus.observedMeaning, current: status.current, balancing: status.balancing.some((b) => b), run: (await charger.readStatusWord(0)).run };
}

describe("iCharger controls: start buttons per program, stop, read back from the charger", () => {
  const open = rigPerTest(hidRig);

  it("are data: per channel a button for each program of the table and a stop, named with the preset slot they run", async () => {
    const { charger } = await open();
    const controls = ichargerControls(charger, { preset: 2 });
    expect(controls.map((c) => [c.kind, c.key, c.name, c.state])).toEqual(
      [1, 2].flatMap((n) => [
        ...PROGRAM_BUTTONS.map((p) => ["button", `ch${n}_${p.operation}`, `Channel ${n} ${p.label} (preset slot 2)`, `ch${n}_run_state`]),
        ["button", `ch${n}_stop`, `Channel ${n} stop`, `ch${n}_run_state`],
      ]),
    );
    expect(ichargerControls(charger).find((c) => c.key === "ch1_charge")?.name).toBe("Channel 1 charge (preset slot 0)");
    expect(() => ichargerControls(charger, { preset: 64 })).toThrow(expect.objectContaining({ code: "invalid-argument" }));
  });

  for (const program of PROGRAM_BUTTONS) {
    it(`${program.operation}: the press resolves once the status shows the program running, and stop returns the channel to rest`, async () => {
      const { charger, sim, clock } = await open({ sim: { packs: [PACK] } });
      const controls = ichargerControls(charger);
      const before = sim.device.orders.length;
      await button(controls, `ch1_${program.operation}`).press();
      // Resolved only after the read-back: the charger already runs it (no sleep between press and check).
      expect(sim.device.channels[0]!.running).toBe(true);
      expect(sim.device.channels[0]!.operation).toBe(program.operation);
      expect(sim.device.orders.slice(before)).toEqual([{ order: Order.Run, operation: sim.device.control[0], slot: 0, channel: 0 }]);
      await sleep(clock, 1000);
      const running = await channelOne(charger);
      const expected = EXPECTED[program.operation]!;
      expect(running).toMatchObject({ run: true, runState: expected.runState, balancing: expected.balancing });
      expect(sign(running.current)).toBe(expected.current);

      await button(controls, "ch1_stop").press();
      expect(sim.device.channels[0]!.running).toBe(false);
      expect(await channelOne(charger)).toMatchObject({ run: false, runState: "stopped", current: 0 });
      expect(sim.device.channels[1]!.phase).toBe("idle");
    });
  }

  it("--sim-spread gives the simulated pack a high last cell, so balance has work to show (the default pack is even and balance is done at once)", async () => {
    const { charger, clock } = await open({ sim: { packs: [simPackOf({ "sim-spread": "30" }), simPackOf({})] } });
    const cells = (await charger.readChannelStatus(0)).cells.slice(0, 4);
    expect(Math.round((cells[3]! - cells[0]!) * 1000)).toBe(30);
    const controls = ichargerControls(charger);
    await button(controls, "ch1_balance").press();
    await sleep(clock, 1000);
    expect(await channelOne(charger)).toMatchObject({ run: true, runState: "balance", balancing: true });
    await button(controls, "ch2_balance").press();
    expect((await charger.readChannelStatus(1)).runStatus.observedMeaning).toBe("done");
    expect(() => simPackOf({ "sim-spread": "-1" })).toThrow(expect.objectContaining({ code: "invalid-argument" }));
  });

  it("starts the configured preset slot on the second channel", async () => {
    const { charger, sim } = await open({ sim: { packs: [PACK, PACK] } });
    await button(ichargerControls(charger, { preset: 2 }), "ch2_discharge").press();
    expect(sim.device.orders.at(-1)).toMatchObject({ order: Order.Run, slot: 2, channel: 1, operation: 2 });
    expect(sim.device.channels[1]!.running).toBe(true);
    expect(sim.device.channels[0]!.running).toBe(false);
  });

  it("rejects with a typed error when the charger refuses: no balance lead, no battery; the channel is stopped again", async () => {
    const { charger, sim } = await open({ sim: { packs: [{ ...PACK, balanceLead: false }, { ...PACK, connected: false }] } });
    const controls = ichargerControls(charger);
    expect(await refused(button(controls, "ch1_charge").press())).toMatchObject({ code: "device-exception", context: { deviceCode: BALANCE_PORT_ERROR } });
    expect(await refused(button(controls, "ch2_discharge").press())).toMatchObject({ code: "device-exception", context: { deviceCode: 0x0500 } });
    expect(sim.device.orders.map((o) => [o.order, o.channel])).toEqual([
      [Order.Run, 0],
      [Order.Stop, 0],
      [Order.Run, 1],
      [Order.Stop, 1],
    ]);
    expect(sim.device.channels.map((c) => c.running)).toEqual([false, false]);
  });

  it("refuses before RUN what the preset or the channel cannot do: a busy channel, storage of a NiMH preset", async () => {
    const { charger, sim } = await open({ sim: { packs: [PACK] } });
    await button(ichargerControls(charger), "ch1_charge").press();
    const runs = sim.device.orders.length;
    expect(await refused(button(ichargerControls(charger), "ch1_discharge").press())).toMatchObject({ code: "invalid-argument", message: expect.stringContaining("running") });
    await button(ichargerControls(charger), "ch1_stop").press();
    // Slot 3 of the simulated charger is "NiMH 1A": Ni presets have no storage operation.
    expect(await refused(button(ichargerControls(charger, { preset: 3 }), "ch1_storage").press())).toMatchObject({ code: "invalid-argument", message: expect.stringContaining("storage") });
    expect(sim.device.orders.slice(runs).map((o) => o.order)).toEqual([Order.Stop]);
  });

  it("on a single-channel X6: one set of buttons, shown by the unprefixed run state", async () => {
    const { charger } = await open({ sim: { model: "x6" }, driver: { model: "x6" } });
    const controls = ichargerControls(charger);
    expect(controls.map((c) => c.key)).toEqual(["ch1_charge", "ch1_discharge", "ch1_storage", "ch1_balance", "ch1_stop"]);
    const reading = await charger.read();
    for (const c of controls) expect(reading.measurements.map((m) => m.key)).toContain(c.state);
  });
});
