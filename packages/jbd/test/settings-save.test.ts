import { describe, expect, it } from "vitest";
import { rig } from "./helpers.js";

// A write is done when it survives a power cycle. The BMS cannot say whether its live values
// match EEPROM, so a write asked to save ends with the saving exit even when nothing differs.
describe("settings that are live but not saved", () => {
  it("a second write of a value left unsaved saves it, and it survives a power cycle", async () => {
    const { bms, simulator } = await rig();
    await bms.writeSettings({ covp: 3.6 }, { save: false });
    expect(simulator.device.eeprom.saved.get(0x24)).toBe(3650);

    const report = await bms.writeSettings({ covp: 3.6 });
    expect(report).toMatchObject({ written: [], unchanged: ["covp"], saved: true });
    expect(simulator.requests.filter((r) => r.kind === "write" && r.register === 0x24)).toHaveLength(1);
    expect(simulator.device.eeprom.saved.get(0x24)).toBe(3600);
    simulator.device.powerCycle();
    expect(await bms.readSetting("covp")).toBe(3.6);
  });

  it("the link is cut between the register write and the saving exit; the same write again makes it stick", async () => {
    const { bms, simulator, faulty, device } = await rig({}, { timeoutMs: 30 });
    // After the read-back of covp nothing more reaches the BMS: the new value stays in RAM only.
    let step: "before" | "wrote" | "cut" = "before";
    device.onData((chunk) => {
      if (step === "before" && chunk[1] === 0x5a && chunk[2] === 0x24) step = "wrote";
      else if (step === "wrote" && chunk[1] === 0xa5 && chunk[2] === 0x24) {
        step = "cut";
        faulty.inject({ direction: "tx", fault: { kind: "drop" }, times: Infinity });
      }
    });
    await expect(bms.writeSettings({ covp: 3.6 })).rejects.toMatchObject({ code: "timeout" });
    faulty.clear();
    expect(simulator.device.eeprom.get(0x24)).toBe(3600);
    expect(simulator.device.eeprom.saved.get(0x24)).toBe(3650);

    expect(await bms.writeSettings({ covp: 3.6 })).toMatchObject({ unchanged: ["covp"], saved: true });
    simulator.device.powerCycle();
    expect(simulator.device.eeprom.get(0x24)).toBe(3600);
  });

  it("save: false with nothing to change sends no saving exit", async () => {
    const { bms, simulator } = await rig();
    expect(await bms.writeSettings({ covp: 3.65 }, { save: false })).toMatchObject({ unchanged: ["covp"], saved: false });
    expect(simulator.requests.some((r) => r.kind === "write" && r.register === 0x01 && r.data[0] === 0x28)).toBe(false);
  });
});
