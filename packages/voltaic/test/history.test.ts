import { createMemoryLink, fromHex } from "@batt/core";
import { ManualClock } from "@batt/core/testing";
import { describe, expect, it } from "vitest";
import { decodeHistory, describeVoltaicFrames, VOLTAIC_INPUT_REGISTERS, VoltaicController } from "../src/index.js";
import { VoltaicSimulator } from "../src/simulator/index.js";
import { failure, rig, scripted } from "./support.js";

// Replies with their CRC computed; registers of docs/protocols/voltaic.md#energy-counters and
// docs/protocols/voltaic.md#battery-statistics.
const ENERGY_REQUEST = "01 04 30 52 00 06 DE D9";
// 0x3052 = 0064 (1.00 kWh today), 0x3053:0x3054 = 04D2 0001, 0x3055 = 0032, 0x3056:0x3057 = 0237 0001.
const ENERGY_REPLY = "01 04 0C 00 64 04 D2 00 01 00 32 02 37 00 01 E3 44";
const STATISTICS_REQUEST = "01 04 30 A0 00 0C FF 2D";
// 0x30A0 = 051E (13.10 V), 0x30A2 = FF06, 0x30A6 = 3, 0x30A7 = 12, 0x30A8 = 059C (14.36 V), 0x30A9 = 04AE (11.98 V).
const STATISTICS_REPLY = "01 04 18 05 1E 00 00 FF 06 00 00 00 00 00 00 00 03 00 0C 05 9C 04 AE 00 00 00 00 0A 56";

describe("energy counters: today's in one word, the totals in two, low word first", () => {
  it("decodes the reply to 01 04 30 52 00 06 DE D9 past the low word's 655.35 kWh", () => {
    const reply = fromHex(ENERGY_REPLY);
    const registers = Array.from({ length: 6 }, (_, i) => (reply[3 + 2 * i]! << 8) | reply[4 + 2 * i]!);
    expect(VOLTAIC_INPUT_REGISTERS.decodePartialBlocks([{ address: 0x3052, registers }])).toEqual({
      pvEnergyToday: 1000, // 100 × 0.01 kWh
      pvEnergyTotal: 667_700, // (0x0001 × 65536 + 0x04D2) × 10 Wh
      loadEnergyToday: 500,
      loadEnergyTotal: 661_030, // (0x0001 × 65536 + 0x0237) × 10 Wh
    });
  });

  it("decodes the largest counter, 0xFFFF:0xFFFF, as 42 949 672.95 kWh, not as a negative or wrapped value", () => {
    const reply = fromHex("01 04 0C 00 00 FF FF FF FF 00 00 FF F6 FF FF 74 2D");
    const registers = Array.from({ length: 6 }, (_, i) => (reply[3 + 2 * i]! << 8) | reply[4 + 2 * i]!);
    const values = VOLTAIC_INPUT_REGISTERS.decodePartialBlocks([{ address: 0x3052, registers }]);
    expect(values.pvEnergyTotal).toBe(0xffffffff * 10);
    expect(values.loadEnergyTotal).toBe(0xfffffff6 * 10);
  });
});

describe("batt decode names the history registers", () => {
  it("decodes the statistics request and reply: 14.36 V highest, 11.98 V lowest today", () => {
    const [request, reply] = describeVoltaicFrames(fromHex(`${STATISTICS_REQUEST} ${STATISTICS_REPLY}`));
    expect(request).toMatchObject({ role: "request", address: 0x30a0, count: 12, registers: ["batteryVoltage", "environmentTemperature", "batteryVoltageMaxToday", "batteryVoltageMinToday"] });
    expect(reply).toMatchObject({ role: "reply", fields: { batteryVoltage: 13.1, batteryVoltageMaxToday: 14.36, batteryVoltageMinToday: 11.98 } });
  });
});

describe("readHistory", () => {
  it("sends 01 04 30 52 00 06 DE D9 and 01 04 30 A0 00 0C FF 2D and decodes both replies", async () => {
    const { controller, sent } = await scripted({ [ENERGY_REQUEST]: ENERGY_REPLY, [STATISTICS_REQUEST]: STATISTICS_REPLY });
    const history = await controller.readHistory();
    expect(sent).toEqual([ENERGY_REQUEST.toLowerCase(), STATISTICS_REQUEST.toLowerCase()]);
    expect(history).toMatchObject({
      pvEnergyToday: 1000,
      pvEnergyTotal: 667_700,
      loadEnergyToday: 500,
      loadEnergyTotal: 661_030,
      batteryVoltageMaxToday: 14.36,
      batteryVoltageMinToday: 11.98,
    });
    expect(history.raw[1]).toEqual({ address: 0x30a0, registers: [1310, 0, 0xff06, 0, 0, 0, 3, 12, 1436, 1198, 0, 0] });
  });

  it("fails with a typed error, decoding nothing, when a reply carries fewer registers than asked", async () => {
    // A reply of 5 registers to the request for 6 (CRC valid): refused by the length check before any field is decoded.
    const { controller } = await scripted({ [ENERGY_REQUEST]: "01 04 0A 00 64 04 D2 00 01 00 32 02 37 64 F8" });
    expect(await failure(controller.readHistory())).toMatchObject({ code: "unexpected-reply" });
  });

  it("decodeHistory refuses blocks that do not cover the history's registers", () => {
    expect(() => decodeHistory([{ address: 0x30a0, registers: new Array(12).fill(0) }])).toThrow(expect.objectContaining({ code: "invalid-argument" }));
    expect(() => decodeHistory([{ address: 0x3052, registers: new Array(6).fill(0) }])).toThrow(expect.objectContaining({ code: "invalid-argument" }));
  });

  it("reads the simulator's day: energy since midnight and the battery voltage range", async () => {
    const { controller, sim } = await rig({ sim: { hour: 14, battery: { soc: 60 } } });
    sim.step(11 * 3_600_000); // an afternoon of sun, then on past midnight to 01:00: today's counters started again
    sim.step(10 * 3_600_000); // to 11:00, the morning's sun
    const history = await controller.readHistory();
    const s = sim.snapshot;
    expect(history.pvEnergyToday).toBe(Math.round(s.pvEnergyToday / 10) * 10);
    expect(history.pvEnergyToday).toBeGreaterThan(0);
    expect(history.pvEnergyToday).toBeLessThan(history.pvEnergyTotal);
    expect(history.loadEnergyToday).toBeLessThan(history.loadEnergyTotal);
    expect(history.batteryVoltageMaxToday).toBeCloseTo(s.batteryVoltageMaxToday, 2);
    expect(history.batteryVoltageMinToday).toBeCloseTo(s.batteryVoltageMinToday, 2);
    expect(history.batteryVoltageMaxToday).toBeGreaterThan(history.batteryVoltageMinToday);
  });
});

describe("read() carries the full totals and today's energy", () => {
  it("reports the totals past 655.35 kWh once the simulator's counters are there", async () => {
    const clock = new ManualClock(Date.UTC(2026, 5, 21, 12));
    const { host, device } = createMemoryLink();
    await Promise.all([host.open(), device.open()]);
    // 700.00 kWh: low word 0x1170 (4464), high word 1.
    const sim = new VoltaicSimulator({ clock, energy: { pv: 700_000, load: 1_000 } }).attach(device);
    expect([sim.bank.inputRegisters.get(0x3053), sim.bank.inputRegisters.get(0x3054)]).toEqual([4464, 1]);
    const controller = new VoltaicController(host, { clock, timeoutMs: 100, minGapMs: 0 });
    const reading = await controller.read();
    expect(reading.reading.values.pvEnergyTotal).toBe(700_000);
    expect(reading.reading.values.loadEnergyTotal).toBe(1_000);
    expect(reading.measurements.find((m) => m.key === "pv_energy_total")?.value).toBe(700_000);
    expect(reading.measurements.find((m) => m.key === "pv_energy_today")?.value).toBe(0);
    sim.stop();
  });
});
