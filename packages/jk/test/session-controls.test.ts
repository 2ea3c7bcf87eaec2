import { createMemoryLink, type DeviceSession, type PluginOptionValues, type SwitchControl } from "@batt/core";
import { afterEach, describe, expect, it } from "vitest";
import { plugin } from "../src/cli/index.js";

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of cleanup.splice(0)) await stop();
});

/** The plugin's simulator and a session on the two ends of an in-memory link, as `batt --sim` has them. */
async function connected(options: PluginOptionValues = {}): Promise<DeviceSession<unknown>> {
  const { host, device } = createMemoryLink();
  await Promise.all([host.open(), device.open()]);
  const sim = await plugin.simulate!(device, options);
  const session = await plugin.connect(host, options);
  cleanup.push(async () => {
    await session.close();
    await sim.stop();
  });
  return session;
}

const value = async (session: DeviceSession<unknown>, key: string): Promise<unknown> => (await session.read()).measurements.find((m) => m.key === key)?.value;
const control = (session: DeviceSession<unknown>, key: string): SwitchControl => session.controls?.find((c) => c.key === key) as SwitchControl;

describe("the sessions' controls", () => {
  it("4E57: the charge and discharge MOSFET switches, shown by their switch measurements", async () => {
    const session = await connected();
    expect(session.controls?.map((c) => [c.kind, c.key, c.state])).toEqual([
      ["switch", "charge_mosfet", "charge_switch"],
      ["switch", "discharge_mosfet", "discharge_switch"],
    ]);
    await control(session, "charge_mosfet").set(false);
    expect(await value(session, "charge_switch")).toBe(false);
    await control(session, "charge_mosfet").set(true);
    expect(await value(session, "charge_switch")).toBe(true);
  });

  it("JK-PB: each pack's MOSFETs and balancer, prefixed by pack on a bus of several", async () => {
    const session = await connected({ protocol: "pb", address: "1,2" });
    expect(session.controls?.map((c) => c.key)).toEqual([
      "pack1_charge_mosfet", "pack1_discharge_mosfet", "pack1_balancer",
      "pack2_charge_mosfet", "pack2_discharge_mosfet", "pack2_balancer",
    ]);
    await control(session, "pack2_discharge_mosfet").set(false);
    expect(await value(session, "pack2_discharge_allowed")).toBe(false);
    expect(await value(session, "pack1_discharge_allowed")).toBe(true);
  });
});
