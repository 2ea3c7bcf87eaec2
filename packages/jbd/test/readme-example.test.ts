// The README's "Embedding a driver" example, run against the simulator so the README cannot drift.
import { describe, expect, it } from "vitest";
import { createMemoryLink, isBattError } from "@batt/core";
import { JbdBms } from "../src/index.js";
import { JbdSimulator } from "../src/simulator/index.js";

describe("README example", () => {
  it("reads a pack through JbdBms exactly as the README shows", async () => {
    const { host: transport, device } = createMemoryLink();
    await device.open();
    new JbdSimulator({ pack: { cells: 4, chemistry: "lifepo4", capacityAh: 100, currentA: -2.5 } }).attach(device);

    // --- README ---
    const bms = new JbdBms(transport);
    await transport.open();
    try {
      const info = await bms.readBasicInfo();
      const cells = await bms.readCellVoltages();
      const text = `${info.voltage.toFixed(2)} V ${info.current.toFixed(2)} A SOC ${info.soc} % cells ${cells.map((v) => v.toFixed(3)).join(" ")}`;
      // --- end README ---
      expect(text).toMatch(/^1[23]\.\d\d V -2\.50 A SOC \d+ % cells 3\.\d{3} 3\.\d{3} 3\.\d{3} 3\.\d{3}$/);
      expect(info.protectionActive).toEqual([]);
    } catch (error) {
      if (isBattError(error)) throw new Error(`${error.code}: ${error.message}`);
      throw error;
    } finally {
      await transport.close();
    }
  });
});
