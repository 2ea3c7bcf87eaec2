import { ManualClock } from "@batt/core/testing";
import { describe, expect, it } from "vitest";
import { ChargeSessionLog, chargerTime, sessionFromReading } from "../src/index.js";
import { pluginHarness } from "@batt/test-support/plugin-harness";
import { plugin } from "../src/cli.js";
import { failure, rig } from "./support.js";

describe("charge sessions from the registers (0x000F energy, 0x002B time, 0x001D state, clock 0x061E–0x0623)", () => {
  it("reads the running session with its start on the charger's clock", async () => {
    const { charger, sim } = await rig({ charger: { generation: "g1" } });
    await charger.setClock({ year: 2026, month: 3, day: 1, hours: 18, minutes: 30, seconds: 0 });
    sim.plugIn();
    sim.step(600_000); // 10 min at 16 A × 3 × 230 V = 11 040 W → 1840 Wh, shown in 0.1 kWh steps
    const session = sessionFromReading(await charger.readAll());
    expect(session).toEqual({ active: true, state: "Charging", energy: 1800, duration: 600, start: "2026-03-01T18:20:00", chargerTime: "2026-03-01T18:30:00" });
    expect(chargerTime({ rtcYear: 26 })).toBeUndefined();
  });

  it("logs start, end, energy and duration across repeated readings", async () => {
    const clock = new ManualClock(0, Date.UTC(2026, 2, 1, 12, 0, 0));
    const { charger, sim } = await rig({ charger: { generation: "g1" } });
    const log = new ChargeSessionLog(clock);
    expect(log.update(await charger.readAll())).toBeUndefined();
    sim.plugIn();
    sim.step(60_000);
    clock.advance(60_000);
    expect(log.update(await charger.readAll())).toBeUndefined();
    expect(log.current).toEqual({ start: "2026-03-01T12:00:00.000Z", energy: 100, duration: 60 });
    sim.step(1_140_000);
    clock.advance(1_140_000);
    await charger.stopCharging();
    clock.advance(5_000);
    const done = log.update(await charger.readAll());
    expect(done).toEqual({ start: "2026-03-01T12:00:00.000Z", end: "2026-03-01T12:20:05.000Z", energy: 3600, duration: 1200 });
    expect(log.sessions).toEqual([done]);
    expect(log.current).toBeUndefined();
  });
});

describe("batt evcharger clock, session, phases, evse-mode, surplus", () => {
  const { connected, run } = pluginHarness(plugin, { timeout: "200", gap: "0" });

  it("checks the arguments before the link opens", async () => {
    const commands = Object.fromEntries((plugin.commands ?? []).map((c) => [c.name, c]));
    const prepare = (name: string, args: string[], options = {}) => Promise.resolve().then(() => commands[name]!.prepare!(args, options, {}));
    expect(await prepare("clock", ["2026-02-29T10:00:00"]).catch((e: unknown) => e)).toMatchObject({ code: "invalid-argument" });
    expect(await prepare("clock", ["2026-03-01T25:00"]).catch((e: unknown) => e)).toMatchObject({ code: "invalid-argument" });
    expect(await prepare("clock", ["2026-03-01T18:30:05"])).toEqual({ year: 2026, month: 3, day: 1, hours: 18, minutes: 30, seconds: 5 });
    expect(await prepare("clock", [])).toBeUndefined();
    expect(await prepare("phases", ["2"]).catch((e: unknown) => e)).toMatchObject({ code: "invalid-argument" });
    expect(await prepare("evse-mode", ["turbo"]).catch((e: unknown) => e)).toMatchObject({ code: "invalid-argument" });
    expect(await prepare("surplus", ["lots"]).catch((e: unknown) => e)).toMatchObject({ code: "invalid-argument" });
    expect(await prepare("surplus", ["-1200"], { "dry-run": true })).toEqual({ exportW: -1200, dryRun: true });
  });

  it("sets the clock with one FC 0x10 write and reads the session", async () => {
    const session = await connected({ "eeprom-interval": "0" });
    expect(await run(session, "clock", ["2026-03-01T18:30:05"])).toEqual({ set: "2026-03-01T18:30:05" });
    expect(await run(session, "session")).toMatchObject({ active: true, state: "Charging", chargerTime: "2026-03-01T18:30:05" });
    expect(await run(session, "phases", ["1"])).toMatchObject({ name: "chargePhase", value: { name: "l1" }, written: true });
    expect(await failure(run(session, "evse-mode", ["eco"]))).toMatchObject({ code: "unsupported" });
    expect(await run(session, "surplus", ["-3000"], { "dry-run": true })).toMatchObject({ stop: true, charging: false, sent: [] });
  });
});
