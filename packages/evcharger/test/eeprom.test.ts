import { describe, expect, it } from "vitest";
import { failure, rig, SkippableClock } from "./support.js";

describe("EEPROM-backed registers are spared", () => {
  it("repeated identical settings never reach the EEPROM-backed registers", async () => {
    const { charger, sim } = await rig();
    expect(await charger.setMode("eco")).toMatchObject({ written: true });
    for (let i = 0; i < 5; i++) expect(await charger.setMode("eco")).toMatchObject({ written: false, value: { name: "eco" } });
    expect(await charger.writeSetting("mainBreakerLimit", 40)).toMatchObject({ written: false });
    expect(await charger.writeSetting("ecoGear", "6A")).toMatchObject({ written: false });
    expect(sim.eepromWrites).toEqual({ deviceMode: 1 });
    expect(sim.eepromWriteTotal).toBe(1);
  });

  it("a change that comes within the interval is refused before it is sent; later it goes through", async () => {
    const clock = new SkippableClock();
    const { charger, sim } = await rig({ charger: { clock, eepromMinIntervalMs: 60_000 } });
    await charger.setMode("eco");
    const refused = await failure(charger.setMode("green"));
    expect(refused).toMatchObject({ code: "invalid-argument", context: { register: "deviceMode" } });
    expect(refused.context.retryAfterMs).toBeGreaterThan(59_000);
    expect(sim.eepromWrites.deviceMode).toBe(1);
    expect(await charger.writeSetting("ecoGear", "16A")).toMatchObject({ written: true }); // the limit is per register
    clock.skip(60_000);
    expect(await charger.setMode("green")).toMatchObject({ written: true, value: { name: "green" } });
    expect(sim.eepromWrites).toEqual({ deviceMode: 2, ecoGear: 1 });
  });

  it("volatile registers skip unchanged values but are not rate-limited; commands are always sent", async () => {
    const { charger, sim } = await rig();
    await charger.setChargeCurrent(10);
    await charger.setChargeCurrent(10);
    await charger.setChargeCurrent(12);
    await charger.setChargeCurrent(13);
    expect(sim.writes.map((w) => w.values[0])).toEqual([1000, 1200, 1300]);
    sim.plugIn();
    await charger.startCharging();
    await charger.startCharging();
    expect(sim.writes.filter((w) => w.address === 0x0627)).toHaveLength(2);
    expect(sim.eepromWriteTotal).toBe(0);
  });

  it("values outside a register's range are refused by the driver, and by the charger if they get there", async () => {
    const { charger, sim } = await rig({ charger: { generation: "g1" } });
    expect(await failure(charger.writeSetting("unbalancedPower", 8000))).toMatchObject({ code: "invalid-argument" });
    expect(await failure(charger.writeSetting("deviceMode", 7 as never))).toMatchObject({ code: "invalid-argument" });
    expect(sim.counters!.requests).toBe(0);
    await charger.client.writeSingleRegister(70, 0x063c, 9000).catch(() => undefined);
    expect(sim.setting("unbalancedPower")).toBe(5000);
  });
});
