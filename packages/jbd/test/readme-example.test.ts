// The README's "Embedding a driver" example, run against the simulator so the README cannot drift.
import { describe, expect, it } from "vitest";
import { createMemoryLink, isBattError } from "@batt/core";
import { JbdBms } from "../src/index.js";
import { JbdSimulator } from "../src/simulator/index.js";

describe("README example", () => {
  it("reads a pack through JbdBms exactly as the README shows", async () => {
    const { host: transport, device } = createMemoryLink();
    await device.open();
    new JbdSimulator({ pack: { cells: 4, chemistry: "lifepo4", capacity: 100, current: -2.5 } }).attach(device);
    const printed: string[] = [];
    const console = { log: (line: string) => printed.push(line) };

    // --- README ---
    const bms = new JbdBms(transport);
    await transport.open();
    try {
      const reading = await bms.read(); // SI units: V, A (charging positive), Ah, °C, %
      for (const pack of reading.batteries) {
        console.log(`${pack.voltage.toFixed(2)} V ${pack.current.toFixed(2)} A SOC ${pack.soc} % cells ${pack.cellVoltages.map((v) => v.toFixed(3)).join(" ")}`);
        console.log(`alarms: ${pack.alarms.map((a) => a.name).join(", ") || "none"}`);
      }
      // --- end README ---
      expect(printed).toHaveLength(2);
      expect(printed[0]).toMatch(/^1[23]\.\d\d V -2\.50 A SOC 60 % cells 3\.\d{3} 3\.\d{3} 3\.\d{3} 3\.\d{3}$/);
      expect(printed[1]).toBe("alarms: none");
      expect(reading.device).toMatchObject({ driver: "jbd", category: "bms", firmware: "8.0" });
      expect(reading.reading.basicInfo.protectionActive).toEqual([]);
    } catch (error) {
      if (isBattError(error)) throw new Error(`${error.code}: ${error.message}`);
      throw error;
    } finally {
      await transport.close();
    }
  });
});
