import { fromHex, toHex } from "@batt/core";
import { describe, expect, it } from "vitest";
import { applyPresetChanges, decodeChannelStatus, decodeLogView, ORDER_KEY, Order, runWrite, stopWrite } from "../src/index.js";
import { ChargerDevice, IChargerSimulator, ManualClock, serveRequest, type ChargerDeviceOptions } from "../src/simulator/index.js";

const CONTEXT = { unit: 1, functionCode: 0x10, broadcast: false };

function device(options: ChargerDeviceOptions = {}): ChargerDevice {
  return new ChargerDevice(options);
}

function run(d: ChargerDevice, operation: number, slot: number, channel: number): void {
  const w = runWrite(operation, slot, channel);
  d.writeRegisters(w.address, w.values);
}

function status(d: ChargerDevice, channel = 0): ReturnType<typeof decodeChannelStatus> {
  return decodeChannelStatus(channel as 0 | 1, d.readInputRegisters(0x100 * (channel + 1), 30).concat(d.readInputRegisters(0x100 * (channel + 1) + 30, 28)), { cells: 8 });
}

/** Steps until `done` holds or `limitMs` passes; returns the time taken. */
function stepUntil(d: ChargerDevice, done: () => boolean, limitMs: number, stepMs = 1000): number {
  let t = 0;
  while (!done() && t < limitMs) {
    d.step(stepMs);
    t += stepMs;
  }
  return t;
}

describe("simulated charger: programs and physics", () => {
  it("goes start → check → CC → CV → done when charging, ending near the charge voltage", () => {
    const d = device({ packs: [{ cells: 2, capacity: 0.1, cellVoltages: [4.05, 4.06] }] });
    run(d, 0, 0, 0);
    d.step(50);
    expect(status(d).runStatus.observedMeaning).toBe("start");
    d.step(100);
    expect(status(d).runStatus.observedMeaning).toBe("check");
    d.step(1000);
    const cc = status(d);
    expect(cc.runStatus.observedMeaning).toBe("charging");
    expect(cc.controlStatus.observedMeaning).toBe("b.cc");
    expect(cc.current).toBeCloseTo(2, 1);
    const t = stepUntil(d, () => d.channels[0]!.phase === "done", 3_600_000);
    expect(t).toBeLessThan(3_600_000);
    const done = status(d);
    expect(done.runStatus).toEqual({ value: 40, observedMeaning: "done" });
    expect(done.current).toBe(0);
    expect(done.cells[0]).toBeGreaterThan(4.15);
    expect(done.cells[0]).toBeLessThanOrEqual(4.2);
    expect(done.capacity).toBeGreaterThan(0);
    expect(d.channels[0]!.statusWord() & 1).toBe(0);
  });

  it("discharges at the preset current until a cell reaches the discharge voltage, negative current and capacity", () => {
    const d = device({ packs: [{ cells: 3, capacity: 0.2, cellVoltages: [3.8, 3.8, 3.75] }] });
    run(d, 2, 0, 0);
    d.step(2000);
    const s = status(d);
    expect(s.runStatus.value).toBe(13);
    expect(s.current).toBeCloseTo(-5, 1);
    expect(s.power).toBeCloseTo(Math.abs(s.outputVoltage * s.current), 0);
    stepUntil(d, () => d.channels[0]!.phase === "done", 3_600_000, 200);
    expect(d.channels[0]!.phase).toBe("done");
    expect(status(d).capacity).toBeLessThan(-0.01);
  });

  it("caps the discharge current at the channel's power limit", () => {
    const d = device({ packs: [{ cells: 6, cellVoltages: [4.1, 4.1, 4.1, 4.1, 4.1, 4.1] }] });
    d.slots[0] = applyPresetChanges(d.slots[0]!, d.memoryLength, { dischargeCurrent: 20 }, { numbering: "duo", maxCurrent: 30, cells: 8 });
    run(d, 2, 0, 0);
    d.step(3000);
    const s = status(d);
    expect(Math.abs(s.current) * s.outputVoltage).toBeCloseTo(80, -1); // 308 DUO: 80 W
  });

  it("brings a full pack down to storage voltage and an empty one up to it", () => {
    const high = device({ packs: [{ cells: 2, capacity: 0.1, cellVoltages: [4.1, 4.1] }] });
    run(high, 1, 0, 0);
    high.step(1000);
    expect(status(high).current).toBeLessThan(0);
    stepUntil(high, () => high.channels[0]!.phase === "done", 3_600_000, 200);
    expect(high.packs[0]!.ocv(0)).toBeGreaterThan(3.84);
    expect(high.packs[0]!.ocv(0)).toBeLessThan(3.9);
    const low = device({ packs: [{ cells: 2, capacity: 0.1, cellVoltages: [3.65, 3.65] }] });
    run(low, 1, 0, 0);
    low.step(1000);
    expect(status(low).current).toBeGreaterThan(0);
    stepUntil(low, () => low.channels[0]!.phase === "done", 3_600_000, 200);
    expect(low.packs[0]!.ocv(0)).toBeGreaterThan(3.8);
  });

  it("balances only: bleeds the high cell until the spread is within the preset's tolerance", () => {
    const d = device({ packs: [{ cells: 3, capacity: 0.02, cellVoltages: [3.8, 3.84, 3.8] }] });
    run(d, 4, 0, 0);
    d.step(1000);
    const s = status(d);
    expect(s.runStatus.observedMeaning).toBe("balance");
    expect(s.balancing.slice(0, 3)).toEqual([false, true, false]);
    expect(d.channels[0]!.statusWord() & (1 << 6)).not.toBe(0);
    stepUntil(d, () => d.channels[0]!.phase === "done", 3_600_000);
    const spread = d.packs[0]!.ocv(1) - d.packs[0]!.ocv(0);
    expect(spread).toBeLessThanOrEqual(0.005);
  });

  it("cycles charge and discharge the preset's number of times", () => {
    const d = device({ packs: [{ cells: 1, capacity: 0.02, cellVoltages: [3.8] }] });
    d.slots[0] = applyPresetChanges(d.slots[0]!, d.memoryLength, { cycleCount: 2, chargeCurrent: 0.5, dischargeCurrent: 0.5 }, { numbering: "duo", maxCurrent: 30, cells: 8 });
    run(d, 3, 0, 0);
    stepUntil(d, () => d.channels[0]!.phase === "done", 24 * 3_600_000, 2000);
    expect(d.channels[0]!.phase).toBe("done");
    expect(status(d).cycleCount).toBe(2);
  });

  it("fails a start without a balance lead (0x1D00), with a cell-count mismatch (0x1A00), and on an empty slot", () => {
    const noLead = device({ packs: [{ balanceLead: false }] });
    run(noLead, 0, 0, 0);
    noLead.step(500);
    expect(status(noLead).runError).toMatchObject({ raw: 0x1d00, name: "balance port" });
    expect(noLead.channels[0]!.statusWord() & 3).toBe(2); // error, not running
    const wrongCells = device({ packs: [{ cells: 3 }] });
    wrongCells.slots[0] = applyPresetChanges(wrongCells.slots[0]!, wrongCells.memoryLength, { liCell: 4 }, { numbering: "duo", maxCurrent: 30, cells: 8 });
    run(wrongCells, 0, 0, 0);
    wrongCells.step(500);
    expect(status(wrongCells).runError.name).toBe("cell count set");
    const empty = device();
    run(empty, 0, 20, 0);
    empty.step(500);
    expect(status(empty).runStatus.observedMeaning).toBe("error");
  });

  it("stops on the STOP order and reports run status 1", () => {
    const d = device();
    run(d, 0, 0, 1);
    d.step(1000);
    const w = stopWrite(1);
    d.writeRegisters(w.address, w.values);
    expect(status(d, 1).runStatus).toEqual({ value: 1, observedMeaning: "stopped" });
    expect(d.channels[1]!.current).toBe(0);
  });

  it("carries out orders only after the key, and saves SYSTEM, MEM_HEAD and MEMORY to flash by order", () => {
    const d = device();
    d.writeRegisters(0x8400 + 1, [720]);
    d.writeRegisters(0x8003, [0x1234, Order.WriteSys]);
    expect(d.systemFlash[1]).toBe(700);
    d.writeRegisters(0x8003, [ORDER_KEY, Order.WriteSys]);
    expect(d.systemFlash[1]).toBe(720);
    d.writeRegisters(0x8001, [2]);
    expect(d.readHoldingRegisters(0x8c00, 1)).toEqual([ORDER_KEY]);
    d.writeRegisters(0x8c00 + 49, [123]);
    expect(d.slots[2]![49]).not.toBe(123);
    d.writeRegisters(0x8003, [ORDER_KEY, Order.WriteMem]);
    expect(d.slots[2]![49]).toBe(123);
    expect(d.orders.map((o) => o.order)).toEqual([Order.WriteSys, Order.WriteMem]);
  });

  it("sends LogView samples at the SYSTEM log interval while a channel runs and logging is on", () => {
    const d = device();
    const reports: Uint8Array[] = [];
    d.onLog = (report) => reports.push(report);
    d.writeRegisters(0x8003, [ORDER_KEY, Order.TransLogOn]);
    d.step(5000);
    expect(reports).toHaveLength(0); // nothing runs
    run(d, 0, 0, 0);
    d.step(5000);
    expect(reports).toHaveLength(5); // 1 s interval (SYSTEM offset 39 = 10 × 0.1 s)
    const sample = decodeLogView(reports.at(-1)!);
    expect(sample).toMatchObject({ kind: "sample", channel: 1, state: { name: "charge" } });
    expect(reports[0]![0]).toBe(24 + 2 * 8);
  });
});

describe("simulated charger on a clock", () => {
  it("advances with its clock after start() and stands still after stop()", async () => {
    const clock = new ManualClock();
    const sim = new IChargerSimulator({ clock });
    run(sim.device, 2, 0, 0);
    sim.start(50);
    clock.advance(1000);
    expect(sim.device.channels[0]!.phase).toBe("discharge");
    expect(sim.device.channels[0]!.timestampMs).toBe(1000);
    await sim.stop();
    clock.advance(1000);
    expect(sim.device.channels[0]!.timestampMs).toBe(1000);
    expect(clock.pending).toBe(0);
  });
});

describe("simulated charger: Modbus service", () => {
  it("implements 0x03, 0x04 and 0x10 only, within 30/28 registers and the register areas", async () => {
    const d = device();
    const ask = async (hex: string): Promise<string> => toHex(await serveRequest(d, fromHex(hex), CONTEXT));
    expect(await ask("04 00 00 00 01")).toBe("04 02 00 42");
    expect(await ask("04 01 00 00 1f")).toBe("84 03"); // 31 registers
    expect(await ask("06 80 00 00 01")).toBe("86 01"); // single-register write is not implemented
    expect(await ask("01 00 00 00 01")).toBe("81 01");
    expect(await ask("03 90 01 00 01")).toBe("83 02"); // beyond MEMORY
    expect(await ask("04 00 f0 00 20")).toBe("84 03");
    expect(await ask("04 00 f8 00 10")).toBe("84 02"); // crosses from device info into channel 1
    const write29 = `10 80 00 00 1d 3a ${"00 00 ".repeat(29)}`;
    expect(await ask(write29)).toBe("90 03");
    expect(await ask("10 84 00 00 01 02 02 bc")).toBe("10 84 00 00 01");
    expect(d.system[0]).toBe(0x02bc);
  });
});
