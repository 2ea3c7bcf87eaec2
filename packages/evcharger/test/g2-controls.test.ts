import { describe, expect, it } from "vitest";
import { failure, rig } from "./support.js";

describe("second-generation registers (docs/protocols/evcharger.md#holding-registers)", () => {
  it("sets the current in 0x0668 on G2, which holds under OCPP where 0x0628 is ignored", async () => {
    const { charger, sim, sent } = await rig({ sim: { generation: "g2" } });
    sim.plugIn();
    await charger.writeSetting("evseScene", "ocpp");
    await charger.writeSetting("maxCurrent", 8); // the first generation's register: ignored under OCPP
    sim.step(1000);
    expect((await charger.readStatus()).currentL1).toBe(16);
    sent.length = 0;
    expect(await charger.setChargeCurrent(10)).toEqual({ name: "g2MaxCurrent", previous: 32, value: 10, written: true });
    expect(sent).toEqual(["46 03 06 68 00 01 0a 29", "46 06 06 68 03 e8 07 57", "46 03 06 68 00 01 0a 29"]);
    sim.step(1000);
    const status = await charger.readStatus();
    expect([status.currentL1, status.currentL2, status.currentL3]).toEqual([10, 10, 10]);
    expect((await charger.read()).measurements.find((m) => m.key === "charge_current")?.value).toBe(10);
  });

  it("switches to one phase with 0xA105 = 1, and the EEPROM guard refuses switching back within the interval", async () => {
    const { charger, sim, sent } = await rig({ sim: { generation: "g2" } });
    sim.plugIn();
    await charger.generation();
    sent.length = 0;
    expect(await charger.setPhases(1)).toMatchObject({ name: "phaseSwitch", previous: { value: 2, name: "three" }, value: { value: 1, name: "single" }, written: true });
    expect(sent).toEqual(["46 03 a1 05 00 01 b8 80", "46 06 a1 05 00 01 74 80", "46 03 a1 05 00 01 b8 80"]);
    sim.step(1000);
    const status = await charger.readStatus();
    expect([status.currentL1, status.currentL2, status.currentL3]).toEqual([16, 0, 0]);
    sent.length = 0;
    expect(await failure(charger.setPhases(3))).toMatchObject({ code: "invalid-argument", context: { register: "phaseSwitch" } });
    expect(sent).toEqual(["46 03 a1 05 00 01 b8 80"]); // read to see it changes; refused before any write
    expect(sim.eepromWrites.phaseSwitch).toBe(1);
  });

  it("sets the EVSE mode in 0x0669 on G2", async () => {
    const { charger, sim } = await rig({ sim: { generation: "g2" } });
    expect(await charger.setEvseMode("eco")).toMatchObject({ name: "evseMode", value: { value: 1, name: "eco" }, written: true });
    expect(sim.setting("evseMode")).toEqual({ value: 1, name: "eco" });
  });

  it("first generation: 0x0628 for the current, 0x0625 for the phases, and no G2 registers", async () => {
    const { charger, sim, sent } = await rig();
    sim.plugIn();
    await charger.generation();
    sent.length = 0;
    await charger.setPhases(1);
    expect(sent).toEqual(["46 03 06 25 00 01 9a 3e", "46 06 06 25 00 01 56 3e", "46 03 06 25 00 01 9a 3e"]);
    sent.length = 0;
    expect(await failure(charger.setEvseMode("eco"))).toMatchObject({ code: "unsupported" });
    expect(await failure(charger.writeSetting("g2MaxCurrent", 10))).toMatchObject({ code: "unsupported" });
    expect(sent).toEqual([]);
    await charger.setChargeCurrent(12);
    expect(sent).toContain("46 06 06 28 04 b0 05 49"); // docs/protocols/evcharger.md#charging-current-write
  });
});
