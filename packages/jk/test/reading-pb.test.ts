import { createMemoryLink } from "@batt/core";
import { describe, expect, it } from "vitest";
import { JkPbBms, JkPbBus, pbBatterySummary, type JkPbBusOptions, type JkPbLiveData } from "../src/index.js";
import { JkPbSimulator, ManualClock, type JkPbSimulatorOptions } from "../src/simulator/index.js";

/** 4 cells at 50 % with identical states of charge, 1 mΩ each, a 10 A load: every cell at OCV(50 %) − 10 A × 1 mΩ = 3.30 V. */
const PACK = { cells: 4, soc: 50, capacity: 10, socSpread: 0, cellResistance: 0.001, current: -10 } as const;

/** The simulator on an in-memory link; without a baud rate the client waits no RTU silence, so a ManualClock need not move. */
async function link(sim: JkPbSimulatorOptions) {
  const { host, device } = createMemoryLink();
  await Promise.all([host.open(), device.open()]);
  const simulator = new JkPbSimulator(sim).attach(device);
  return { host, simulator };
}

describe("JkPbBms.read() in the shared model", () => {
  it("reports a known simulator state: identity with address, battery summary and measurements in SI units", async () => {
    const clock = new ManualClock();
    const { host } = await link({ clock, packs: [{ address: 2, pack: PACK }] });
    const pack = new JkPbBms(host, { address: 2, clock, minGapMs: 0 });
    const reading = await pack.read();
    expect(reading.time).toBe("2026-01-01T00:00:00.000Z");
    expect(reading.device).toEqual({ driver: "jk", category: "bms", manufacturer: "JK", model: "JK_PB2A16S20P", firmware: "19.05", hardware: "19A", address: 2 });
    expect(reading.batteries).toEqual([
      {
        id: "battery",
        name: "Battery",
        voltage: 13.2,
        current: -10,
        power: -132,
        soc: 50,
        cellVoltages: [3.3, 3.3, 3.3, 3.3],
        temperatures: [25, 25, 25, 25, 25],
        chargeAllowed: true,
        dischargeAllowed: true,
        remainingCapacity: 5,
        fullCapacity: 10,
        alarms: [],
      },
    ]);
    const own = reading.measurements.filter((m) => !m.key.match(/^(voltage|current|power|soc|remaining_capacity|full_capacity|cell_.*|temperature_\d|charge_allowed|discharge_allowed|alarm_count)$/));
    expect(own.map((m) => [m.key, m.value, m.unit ?? m.kind])).toEqual([
      ["mos_temperature", 25, "°C"],
      ["soh", 100, "%"],
      ["cycle_count", 0, "count"],
      ["cycle_capacity", 0, "Ah"],
      ["balance_current", 0, "A"],
      ["balance_state", "off", "enum"],
      ["runtime", 0, "s"],
    ]);
    expect(reading.reading).toMatchObject({ protocol: "pb", address: 2, balanceState: { value: 0, name: "off" } });
    // The device information once (its fields in two planned reads), then the live block (four reads of at most 40 registers).
    const requests = pack.counters.requests;
    expect(requests).toBe(6);
    await pack.read();
    expect(pack.counters.requests - requests).toBe(4);
    pack.dispose();
  });

  it("maps a protection of the pack onto the shared alarm ids", async () => {
    const clock = new ManualClock();
    const { host, simulator } = await link({ clock, packs: [{ address: 1, pack: PACK }] });
    simulator.pack(1).pack.protections.active.add("cellUndervoltage");
    const reading = await new JkPbBms(host, { clock, minGapMs: 0 }).read();
    expect(reading.reading.alarms.names).toEqual(["cellUndervoltage"]);
    expect(reading.batteries[0]).toMatchObject({ dischargeAllowed: false, alarms: [{ id: "cell-undervoltage", name: "Cell under-voltage", severity: "protection" }] });
  });

  it("names alarm bits once per meaning, JK-only ones jk-…, unnamed ones by bit", () => {
    // Bits 7 and 14 (charge and discharge short circuit) are one shared alarm; 18 is JK's own; 30 has no name.
    const alarms = { value: 2 ** 7 + 2 ** 14 + 2 ** 18 + 2 ** 30, bits: [7, 14, 18, 30], names: ["chargeShortCircuit", "dischargeShortCircuit", "gpsDisconnected"] } as const;
    const live = { packVoltage: 13.2, current: 0, power: 0, soc: 50, cellVoltages: [], temperatures: [], chargeMos: true, dischargeMos: true, remainingCapacity: 5, fullChargeCapacity: 10, alarms } as unknown as JkPbLiveData;
    expect(pbBatterySummary(live).alarms.map((a) => [a.id, a.severity])).toEqual([
      ["short-circuit", "protection"],
      ["jk-gps-disconnected", "warning"],
      ["jk-alarm-bit-30", "warning"],
    ]);
  });
});

describe("JkPbBus.read(): several packs, one reading", () => {
  const FAST: JkPbBusOptions = { timeoutMs: 100, minGapMs: 0, retry: { retries: 0 } };

  it("has a battery per pack that answered (pack1, pack5), prefixed measurements, and the silent pack's failure in the details", async () => {
    const { host } = await link({ packs: [{ address: 1, pack: PACK }, { address: 5, pack: { ...PACK, soc: 80, cells: 2 } }] });
    const reading = await new JkPbBus(host, FAST).read([1, 5, 7]);
    expect(reading.device).toEqual({ driver: "jk", category: "bms", manufacturer: "JK", model: "JK-PB bus (packs 1, 5, 7)" });
    expect(reading.batteries.map((b) => [b.id, b.name, b.cellVoltages.length, b.soc])).toEqual([
      ["pack1", "Pack 1", 4, 50],
      ["pack5", "Pack 5", 2, 80],
    ]);
    expect(reading.measurements.filter((m) => m.key.endsWith("soc")).map((m) => [m.key, m.name, m.battery])).toEqual([
      ["pack1_soc", "Pack 1 State of charge", "pack1"],
      ["pack5_soc", "Pack 5 State of charge", "pack5"],
    ]);
    expect(reading.measurements.find((m) => m.key === "pack5_balance_state")).toMatchObject({ value: "off", battery: "pack5" });
    expect(reading.reading.packs.map((p) => p.address)).toEqual([1, 5, 7]);
    expect(reading.reading.packs[2]).toMatchObject({ address: 7, code: "timeout" });
  });

  it("fails with the first pack's error when no pack answers", async () => {
    const { host } = await link({ packs: [{ address: 1 }] });
    await expect(new JkPbBus(host, FAST).read([3, 4])).rejects.toMatchObject({ code: "timeout" });
  });
});
