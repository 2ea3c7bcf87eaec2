import { BLE_GATT_PROFILES, createMemoryLink, type DeviceSession, type SwitchControl, type TransportInfo } from "@batt/core";
import { afterEach, describe, expect, it } from "vitest";
import { plugin } from "../src/cli/index.js";

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of cleanup.splice(0)) await stop();
});

/** The 55 AA EB 90 simulator on one end; a session on the other, on a link that says what it is. */
async function connected(hostInfo: TransportInfo, options: Record<string, string> = {}): Promise<DeviceSession<unknown>> {
  const { host, device } = createMemoryLink({ info: hostInfo });
  await Promise.all([host.open(), device.open()]);
  const sim = await plugin.simulate!(device, { protocol: "eb90" });
  const session = await plugin.connect(host, options);
  cleanup.push(async () => {
    await session.close();
    await sim.stop();
  });
  return session;
}

describe("jk over 55 AA EB 90", () => {
  it("is the protocol on a JK Bluetooth module's link when none is asked for, and reads the pack", async () => {
    const ble = { description: "ble test jk", profile: BLE_GATT_PROFILES.jk } as TransportInfo;
    const session = await connected(ble);
    expect((session as { protocol?: string }).protocol).toBe("eb90");
    const reading = await session.read();
    expect(reading.device).toMatchObject({ driver: "jk", category: "bms", model: "JK_PB2A16S20P" });
    expect(reading.batteries[0]!.cellVoltages).toHaveLength(16);
  });

  it("switches the charge MOSFET off and on with read-back", async () => {
    const session = await connected({ description: "serial" }, { protocol: "eb90" });
    expect(session.controls?.map((c) => c.key)).toEqual(["charge_mosfet", "discharge_mosfet", "balancer"]);
    const charge = session.controls![0] as SwitchControl;
    await charge.set(false);
    expect((await session.read()).batteries[0]!.chargeAllowed).toBe(false);
    await charge.set(true);
    expect((await session.read()).batteries[0]!.chargeAllowed).toBe(true);
  });

  it("keeps 4E57 on a plain link unless asked", async () => {
    const { host } = createMemoryLink();
    await host.open();
    const session = await plugin.connect(host, {});
    cleanup.push(() => session.close());
    expect((session as { protocol?: string }).protocol).toBe("4e57");
  });
});
