import { createMemoryLink, type SwitchControl } from "@batt/core";
import { describe, expect, it } from "vitest";
import { JbdSession } from "../src/cli/index.js";
import { JbdBms } from "../src/index.js";
import { JbdSimulator } from "../src/simulator/index.js";
import { FAST } from "./helpers.js";

async function session(sim: ConstructorParameters<typeof JbdSimulator>[0] = {}) {
  const { host, device } = createMemoryLink();
  await Promise.all([host.open(), device.open()]);
  const simulator = new JbdSimulator(sim).attach(device);
  return { simulator, session: new JbdSession(new JbdBms(host, FAST)) };
}

const control = (s: JbdSession, key: string) => s.controls.find((c) => c.key === key) as SwitchControl;

describe("the session's controls", () => {
  it("are the charge and discharge MOSFET switches, each shown by its battery measurement", async () => {
    const { session: s } = await session();
    expect(s.controls.map((c) => [c.kind, c.key, c.state])).toEqual([
      ["switch", "charge_switch", "charge_allowed"],
      ["switch", "discharge_switch", "discharge_allowed"],
      ["switch", "balancer", undefined],
    ]);
  });

  it("switch the balancer through the EEPROM's func_config bit, saved, other bits kept, nothing written when unchanged", async () => {
    const { session: s } = await session();
    const before = (await s.bms.readSettings(["func_config"])).values["func_config"] as number;
    expect(before & 0b100).toBe(0b100); // the simulator's EEPROM starts with the balancer enabled
    await control(s, "balancer").set(false);
    const off = (await s.bms.readSettings(["func_config"])).values["func_config"] as number;
    expect(off).toBe(before & ~0b100);
    await control(s, "balancer").set(true);
    expect((await s.bms.readSettings(["func_config"])).values["func_config"]).toBe(off | 0b100);
  });

  it("switch a MOSFET off and on again, confirmed by the next reading", async () => {
    const { session: s, simulator } = await session();
    await control(s, "discharge_switch").set(false);
    expect(simulator.device.mosfetMask).toBe(2);
    const off = (await s.read()).measurements.filter((m) => m.key.endsWith("_allowed")).map((m) => [m.key, m.value]);
    expect(off).toEqual([
      ["charge_allowed", true],
      ["discharge_allowed", false],
    ]);
    await control(s, "discharge_switch").set(true);
    expect(simulator.device.mosfetMask).toBe(0);
  });

  it("fail with verify-failed when a protection keeps the MOSFET off", async () => {
    const { session: s, simulator } = await session({ pack: { sensorOffsets: [55] } }); // one NTC at 80 °C
    simulator.step(10_000);
    await expect(control(s, "charge_switch").set(true)).rejects.toMatchObject({ code: "verify-failed", message: expect.stringMatching(/chargeOvertemperature/) });
  });
});
