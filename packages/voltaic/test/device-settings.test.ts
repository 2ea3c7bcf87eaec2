import { describe, expect, it } from "vitest";
import { VoltaicDeviceSettings } from "../src/index.js";
import { rig } from "./support.js";

describe("Voltaic settings", () => {
  it("one field, the low-voltage protection, within the controller's accepted range", async () => {
    const { controller } = await rig({ controller: { lvpRange: { min: 8, max: 16 } } });
    expect(new VoltaicDeviceSettings(controller).fields).toEqual([
      { key: "lowVoltageProtection", name: "low-voltage protection (load disconnect) threshold", group: "Load", type: "number", unit: "V", min: 8, max: 16, step: 0.01 },
    ]);
  });

  it("reads the threshold and writes a new one with read-back; the same value again is not written", async () => {
    const { controller, sim, sent } = await rig();
    const settings = new VoltaicDeviceSettings(controller);
    expect(await settings.read()).toEqual({ lowVoltageProtection: 11 });
    expect(await settings.write({ lowVoltageProtection: 11.5 })).toEqual({ written: ["lowVoltageProtection"], unchanged: [], values: { lowVoltageProtection: 11.5 } });
    // FC 0x06 to 0x9022: 1150 × 0.01 V (CRC computed by hand, CRC-16/Modbus).
    expect(sent).toContain("01 06 90 22 04 7e 86 20");
    expect(sim.system.lowVoltageProtection).toBe(11.5);
    expect(await settings.write({ lowVoltageProtection: 11.5 })).toEqual({ written: [], unchanged: ["lowVoltageProtection"], values: { lowVoltageProtection: 11.5 } });
    expect(sim.writes).toHaveLength(1);
  });

  it("refuses values off range or step and unknown keys before sending", async () => {
    const { controller, sim } = await rig();
    const settings = new VoltaicDeviceSettings(controller);
    const refused: Record<string, number>[] = [{ lowVoltageProtection: 9.99 }, { lowVoltageProtection: 13.01 }, { lowVoltageProtection: 11.005 }, { loadOn: 1 }];
    for (const changes of refused) {
      await expect(settings.write(changes)).rejects.toMatchObject({ code: "invalid-argument" });
    }
    expect(sim.counters!.requests).toBe(0);
  });
});
