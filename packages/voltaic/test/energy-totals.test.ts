import { createMemoryLink, fromHex } from "@batt/core";
import { ManualClock } from "@batt/core/testing";
import { describe, expect, it } from "vitest";
import { energyTotals, VOLTAIC_INPUT_REGISTERS, VoltaicController } from "../src/index.js";
import { VoltaicSimulator } from "../src/simulator/index.js";

describe("energy totals as full 32-bit counters", () => {
  it("joins 0x3052:0x3053 and 0x3055:0x3056 from the reply to 01 04 30 52 00 05 9E D8", () => {
    // Reply (CRC computed): 0x3052 = 0001, 0x3053 = 04D2, 0x3054 = FFFF, 0x3055 = 0001, 0x3056 = 0237.
    const reply = fromHex("01 04 0A 00 01 04 D2 FF FF 00 01 02 37 3E 7E");
    const words = Array.from({ length: 5 }, (_, i) => (reply[3 + 2 * i]! << 8) | reply[4 + 2 * i]!);
    const values = VOLTAIC_INPUT_REGISTERS.decodePartialBlocks([{ address: 0x3052, registers: words }]);
    expect(values).toMatchObject({ raw3052: 1, pvEnergyTotal: 12_340, raw3055: 1, loadEnergyTotal: 5670 });
    // (0x0001 × 65536 + 0x04D2) × 10 Wh and (0x0001 × 65536 + 0x0237) × 10 Wh: past the low word's 655.35 kWh.
    expect(energyTotals(values as Parameters<typeof energyTotals>[0])).toEqual({ pvTotal: 667_700, loadTotal: 661_030 });
    expect(energyTotals({ raw3052: 0, pvEnergyTotal: 12_340, raw3055: 0xffff, loadEnergyTotal: 655_350 })).toEqual({ pvTotal: 12_340, loadTotal: 0xffffffff * 10 });
  });

  it("reports the full totals in read() once the simulator's counters pass 655.35 kWh", async () => {
    const clock = new ManualClock(Date.UTC(2026, 5, 21, 12));
    const { host, device } = createMemoryLink();
    await Promise.all([host.open(), device.open()]);
    // 700.00 kWh: high word 1, low word 4464 of 0.01 kWh.
    const sim = new VoltaicSimulator({ clock, energy: { pv: 700_000, load: 1_000 } }).attach(device);
    const controller = new VoltaicController(host, { clock, timeoutMs: 100, minGapMs: 0 });
    const reading = await controller.read();
    expect(reading.reading.values.raw3052).toBe(1);
    expect(reading.reading.energy.pvTotal).toBe(700_000);
    expect(reading.reading.energy.loadTotal).toBe(1_000);
    expect(reading.measurements.find((m) => m.key === "pv_energy_total")?.value).toBe(700_000);
    sim.stop();
  });
});
