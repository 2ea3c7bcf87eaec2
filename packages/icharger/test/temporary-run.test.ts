import { describe, expect, it } from "vitest";
import { Order } from "../src/index.js";
import { hidRig, rigPerTest } from "./support/rigs.js";

const refused = (p: Promise<unknown>) => p.then(() => "resolved", (e: unknown) => e);

describe("charge by capacity and C-rate through a temporary preset (electric #58, #127)", () => {
  const open = rigPerTest(hidRig);

  it("copies a LiPo preset into the highest free slot with the pack's currents, runs it to the end, and restores the slot", async () => {
    const { charger, sim } = await open({ sim: { packs: [{ soc: 97 }] } });
    const indexBefore = await charger.readPresetIndex();
    const result = await charger.runTemporary({ channel: 0, operation: "charge", chemistry: "LiPo", cells: 4, capacity: 2.2, cRate: 0.5 });
    expect(result).toMatchObject({ slot: 63, template: 0, chargeCurrent: 1.1, dischargeCurrent: 1.1, start: { preset: 63, verified: true } });
    const run = sim.device.orders.find((o) => o.order === Order.Run);
    expect(run).toMatchObject({ slot: 63, channel: 0 });
    expect(sim.device.channels[0]!.phase).toBe("done");
    expect((await charger.readPreset(63)).state).toBe("empty");
    expect((await charger.readPresetIndex()).slots).toEqual(indexBefore.slots);
  });

  it("borrows a named slot and puts its preset back, also when the run is aborted", async () => {
    const { charger, sim } = await open();
    const before = await charger.readPreset(2);
    const stop = new AbortController();
    const running = charger.runTemporary({ channel: 0, operation: "charge", chemistry: "LiPo", cells: 4, capacity: 2.2, cRate: 1, slot: 2, signal: stop.signal });
    while (!sim.device.channels[0]!.running) await new Promise((r) => setTimeout(r, 5));
    stop.abort();
    expect(await refused(running)).toMatchObject({ code: "aborted" });
    expect(sim.device.channels[0]!.running).toBe(false);
    expect(await charger.readPreset(2)).toEqual(before);
  });

  it("refuses before writing anything: too many cells, a current above the model's, an unknown type", async () => {
    const { charger, sim } = await open();
    const writes = sim.device.orders.length;
    expect(await refused(charger.runTemporary({ channel: 0, operation: "charge", chemistry: "LiPo", cells: 9, capacity: 2.2, cRate: 1 }))).toMatchObject({ code: "invalid-argument" });
    expect(await refused(charger.runTemporary({ channel: 0, operation: "charge", chemistry: "LiPo", cells: 4, capacity: 20, cRate: 2 }))).toMatchObject({ code: "invalid-argument", message: expect.stringContaining("30 A") });
    expect(await refused(charger.runTemporary({ channel: 0, operation: "charge", chemistry: "NiMH" as "LiPo", cells: 4, capacity: 2, cRate: 1 }))).toMatchObject({ code: "invalid-argument" });
    expect(sim.device.orders.length).toBe(writes);
  });

  it("batt icharger quick checks its arguments before the link opens", async () => {
    const { plugin } = await import("../src/cli.js");
    const command = plugin.commands!.find((c) => c.name === "quick")!;
    const prepare = (args: string[], options: Record<string, string>) => Promise.resolve().then(() => command.prepare!(args, options, {}));
    expect(await prepare(["charge"], { cells: "4", capacity: "2.2", "c-rate": "2", slot: "5", channel: "2" })).toEqual({ channel: 1, operation: "charge", chemistry: "LiPo", cells: 4, capacity: 2.2, cRate: 2, slot: 5 });
    for (const [args, options] of [
      [["cycle"], { cells: "4", capacity: "2" }],
      [["charge"], { capacity: "2" }],
      [["charge"], { cells: "4", capacity: "2", chemistry: "NiMH" }],
      [["charge"], { cells: "4", capacity: "2", "c-rate": "0" }],
    ] as const) {
      expect(await refused(prepare([...args], options))).toMatchObject({ code: "invalid-argument" });
    }
  });
});
