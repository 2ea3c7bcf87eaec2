import { collect } from "@batt/core/testing";
import { createMemoryLink, fromHex, hex, toHex } from "@batt/core";
import { describe, expect, it } from "vitest";
import { decodeBasicInfo, decodeCellVoltages, encodeReadRequest, encodeWriteRequest } from "../src/index.js";
import { socAt } from "@batt/core/simulator";
import { JBD_SIMULATOR_DEFAULT_CURRENT, JbdDevice, JbdSimulator, ManualClock } from "../src/simulator/index.js";
import { rig } from "./helpers.js";

const info = (d: JbdDevice) => decodeBasicInfo(d.handle({ kind: "read", register: 3, data: new Uint8Array(0) })!.data);

/** Sends raw bytes to a simulator and returns what it answers (nothing → []) . */
async function wire(sim: JbdSimulator | undefined, request: Uint8Array, expectBytes: number) {
  const { host, device } = createMemoryLink();
  await Promise.all([host.open(), device.open()]);
  (sim ?? new JbdSimulator()).attach(device);
  const reply = expectBytes > 0 ? collect(host, expectBytes, 500) : Promise.resolve([]);
  await host.write(request);
  return toHex(Uint8Array.from((await reply).flatMap((c) => [...c])));
}

describe("pack model", () => {
  it("charging raises cell voltages and SOC; discharging lowers them", () => {
    const d = new JbdDevice({ pack: { chemistry: "li-ion", soc: 50, capacity: 10 } });
    const start = info(d);
    d.setCurrent(5);
    expect(info(d).voltage).toBeGreaterThan(start.voltage); // I·R at once
    d.step(3_600_000 / 5); // 1 Ah into 10 Ah
    const charged = info(d);
    expect(charged.soc).toBe(60);
    expect(charged.remainingCapacity).toBeCloseTo(6, 2);
    d.setCurrent(-5);
    d.step(3_600_000 / 5);
    expect(info(d).soc).toBe(50);
    expect(info(d).voltage).toBeLessThan(charged.voltage);
  });

  it("the default pack is at work: a small load and a few mV between the cells, the same on every run", () => {
    const cells = (d: JbdDevice) => d.handle({ kind: "read", register: 4, data: new Uint8Array(0) })!.data;
    const d = new JbdDevice();
    const reading = info(d);
    expect(reading.current).toBe(JBD_SIMULATOR_DEFAULT_CURRENT);
    expect(reading.current).toBeLessThan(0);
    const volts = decodeCellVoltages(cells(d));
    const spreadMv = Math.round((Math.max(...volts) - Math.min(...volts)) * 1000);
    expect(spreadMv).toBeGreaterThanOrEqual(3);
    expect(spreadMv).toBeLessThanOrEqual(6);
    expect(reading.soc).toBe(60);
    expect(toHex(cells(new JbdDevice()))).toBe(toHex(cells(d)));
    // Explicit options give a still pack of identical cells.
    const still = new JbdDevice({ pack: { current: 0, socSpread: 0 } });
    expect(info(still).current).toBe(0);
    expect(new Set(decodeCellVoltages(cells(still))).size).toBe(1);
    expect(() => new JbdDevice({ pack: { socSpread: -1 } })).toThrow(expect.objectContaining({ code: "invalid-argument" }));
  });

  it("counts a cycle per cycle capacity discharged", () => {
    const d = new JbdDevice({ pack: { capacity: 2, soc: 100 }, cycles: 3 });
    d.setCurrent(-2);
    d.step(3_600_000);
    expect(info(d).cycles).toBe(4);
  });
});

describe("protections", () => {
  it("cell overvoltage trips after its delay, blocks charging, counts, and releases below the release voltage", () => {
    const d = new JbdDevice({ pack: { cells: 4, cellVoltages: [3.45, 3.45, 3.45, 3.58], capacity: 100, cellResistance: 0.01 } });
    d.setCurrent(10); // 3.58 V + 10 A × 10 mΩ = 3.68 V
    d.step(1000); // the high cell is over 3.65 V but the 2 s delay has not elapsed
    expect(info(d).protection.cellOvervoltage).toBe(false);
    d.step(1500);
    const tripped = info(d);
    expect(tripped.protectionActive).toEqual(["cellOvervoltage"]);
    expect(tripped.fet).toMatchObject({ charge: false, discharge: true });
    expect(tripped.current).toBe(0);
    expect(d.errorCounters().cellOvervoltage).toBe(1);
    d.setCurrent(-20); // discharge is still allowed: 3.58 V − 0.2 V is below the 3.40 V release
    d.step(1000);
    expect(info(d).protection.cellOvervoltage).toBe(false);
    expect(info(d).fet.charge).toBe(true);
  });

  it("cell undervoltage blocks discharge", () => {
    const d = new JbdDevice({ pack: { cellVoltages: [3.0, 3.2, 3.2, 3.2], cellResistance: 0.01 } });
    d.setCurrent(-60); // 0.6 V drop across 10 mΩ
    d.step(3000);
    expect(info(d).protectionActive).toContain("cellUndervoltage");
    expect(info(d).fet.discharge).toBe(false);
  });

  it("temperature protections follow the NTCs and their release values", () => {
    // A still pack at 25 °C; each NTC reads the pack's temperature plus its offset.
    const d = new JbdDevice({ pack: { current: 0, sensorOffsets: [0, 0] } });
    const ntc = (t1: number, t2: number) => d.pack.sensorOffsets.splice(0, 2, t1 - 25, t2 - 25);
    ntc(52, 25);
    d.step(3000);
    expect(info(d).temperatures).toEqual([52, 25]);
    expect(info(d).protectionActive).toEqual(["chargeOvertemperature"]);
    ntc(47, 25);
    d.step(1000);
    expect(info(d).protectionActive).toEqual(["chargeOvertemperature"]); // above the 45 °C release
    ntc(44, 25);
    d.step(1000);
    expect(info(d).protectionActive).toEqual([]);
    ntc(25, -25);
    d.step(3000);
    expect(info(d).protectionActive).toEqual(["chargeUndertemperature", "dischargeUndertemperature"]);
  });

  it("discharge overcurrent releases after its release time; a short circuit trips at once", () => {
    const d = new JbdDevice({ pack: { capacity: 100 } });
    d.setCurrent(-160); // dsgoc −150 A
    d.step(2000);
    expect(info(d).protectionActive).toEqual(["dischargeOvercurrent"]);
    d.step(31_000);
    expect(info(d).protectionActive).toEqual(["dischargeOvercurrent"]);
    d.setCurrent(0);
    d.step(2000);
    expect(info(d).protectionActive).toEqual([]);
    d.setCurrent(-450); // 100 mV × 2 over 0.5 mΩ = 400 A
    d.step(10);
    expect(info(d).protectionActive).toContain("shortCircuit");
    expect(d.errorCounters().shortCircuit).toBe(1);
  });

  it("0x0A clear protection clears; a condition that persists trips again", () => {
    const d = new JbdDevice({ pack: { sensorOffsets: [55] } }) // one NTC at 80 °C;
    d.step(3000);
    expect(info(d).protectionRaw).not.toBe(0);
    d.handle({ kind: "write", register: 0x0a, data: hex`04 00` });
    expect(info(d).protectionRaw).toBe(0);
    d.step(3000);
    expect(info(d).protectionRaw).not.toBe(0);
  });
});

describe("balancing", () => {
  it("bleeds cells above the start voltage that lead the lowest by more than the window", () => {
    const d = new JbdDevice({ pack: { cellVoltages: [3.42, 3.45, 3.5, 3.41], capacity: 1, current: 0 }, balanceCurrent: 0.5 });
    expect(info(d).balancing).toEqual([false, true, true, false]);
    const before = d.pack.cells[2]!.soc;
    d.step(60_000);
    expect(d.pack.cells[2]!.soc).toBeLessThan(before);
    expect(d.pack.cells[3]!.soc).toBeCloseTo(socAt(d.pack.profile, 3.41), 9);
  });

  it("is off when func_config clears balance enable", () => {
    const d = new JbdDevice({ pack: { cellVoltages: [3.42, 3.45, 3.5, 3.41] } });
    d.eeprom.set(0x2d, 0);
    expect(info(d).balancing).toEqual([false, false, false, false]);
  });
});

describe("the simulator on the wire", () => {
  it("answers an EEPROM read outside factory mode with 0x81, unknown registers with 0x80", async () => {
    expect(await wire(undefined, encodeReadRequest(0x10), 7)).toBe("dd 10 81 00 ff 7f 77");
    expect(await wire(undefined, encodeReadRequest(0x99), 7)).toBe(toHex(fromHex("DD 99 80 00 FF 80 77")));
  });

  it("acknowledges factory entry and exit with the frames of docs/protocols/jbd.md#factory-mode", async () => {
    const sim = new JbdSimulator();
    expect(await wire(sim, fromHex("DD 5A 00 02 56 78 FF 30 77"), 7)).toBe("dd 00 00 00 00 00 77");
    expect(sim.device.factoryMode).toBe(true);
    expect(await wire(sim, fromHex("DD A5 24 00 FF DC 77"), 9)).toBe(toHex(fromHex("DD 24 00 02 0E 42 FF AE 77")));
    expect(await wire(sim, fromHex("DD 5A 01 02 00 00 FF FD 77"), 7)).toBe("dd 01 00 00 00 00 77");
    expect(sim.device.factoryMode).toBe(false);
  });

  it("ignores a request with a bad checksum (status 0x82 is 'in principle not returned')", async () => {
    const sim = new JbdSimulator();
    const bad = fromHex("DD A5 03 00 FF FE 77");
    expect(await wire(sim, bad, 0)).toBe("");
    await new Promise((r) => setTimeout(r, 5));
    expect(sim.counters).toMatchObject({ requests: 0, replies: 0 });
    expect(sim.counters.malformed).toBeGreaterThan(0);
  });

  it("older firmware: 0x42 reads answer 0x80 but writes are acknowledged", async () => {
    const sim = new JbdSimulator({ softwareVersion: 0x16 });
    sim.device.factoryMode = true;
    expect(await wire(sim, encodeReadRequest(0x42), 7)).toBe(toHex(fromHex("DD 42 80 00 FF 80 77")));
    expect(await wire(sim, encodeWriteRequest(0x42, [0x0d, 0x48]), 7)).toBe("dd 42 00 00 00 00 77");
  });

  it("a saving exit commits EEPROM and resets the error counters; a power cycle loses uncommitted writes", async () => {
    const { bms, simulator } = await rig({ pack: { sensorOffsets: [55] } }) // one NTC at 80 °C;
    simulator.step(3000);
    expect((await bms.readErrorCounters()).dischargeOvertemperature).toBe(1);
    await bms.writeSettings({ covp: 3.6 });
    expect((await bms.readErrorCounters()).dischargeOvertemperature).toBe(0);
    await bms.writeSettings({ cuvp: 2.6 }, { save: false });
    simulator.device.powerCycle();
    expect((await bms.readSettings(["covp", "cuvp"])).values).toEqual({ covp: 3.6, cuvp: 2.5 });
  });

  it("0x0A sleep: the next request gets no answer; power down: silent until a charger is connected", async () => {
    const { bms, simulator } = await rig({}, { retry: { retries: 0 } });
    await bms.control("sleep");
    await expect(bms.readBasicInfo()).rejects.toMatchObject({ code: "timeout" });
    expect((await bms.readBasicInfo()).cellCount).toBe(4);
    await bms.control("powerDown");
    await expect(bms.readBasicInfo()).rejects.toMatchObject({ code: "timeout" });
    simulator.device.setCurrent(5);
    expect((await bms.readBasicInfo()).current).toBe(5);
  });

  it("evolves on its clock when started", () => {
    const clock = new ManualClock();
    const sim = new JbdSimulator({ clock, pack: { capacity: 10, soc: 50, current: 1 } });
    sim.start(1000);
    clock.advance(3_600_000); // 1 Ah
    expect(info(sim.device).soc).toBe(60);
    void sim.stop();
    clock.advance(360_000);
    expect(info(sim.device).soc).toBe(60);
    expect(clock.pending).toBe(0);
  });
});
