import { createMemoryLink, toHex } from "@batt/core";
import { describe, expect, it } from "vitest";
import { encodeEb90Command } from "../src/eb90/eb90-command.js";
import { JkEb90Bms, type JkEb90BmsOptions } from "../src/eb90/jk-eb90-bms.js";
import { JkEb90Simulator, JkPbDevice, type JkEb90SimulatorOptions } from "../src/simulator/index.js";

const FAST: JkEb90BmsOptions = { timeoutMs: 150, minGapMs: 0, drain: { quietMs: 5, maxMs: 50 } };

async function connect(sim: JkEb90SimulatorOptions = {}, options: JkEb90BmsOptions = {}) {
  const { host, device } = createMemoryLink();
  await Promise.all([host.open(), device.open()]);
  const simulator = new JkEb90Simulator(sim).attach(device);
  return { simulator, bms: new JkEb90Bms(host, { ...FAST, ...options }) };
}

describe("JkEb90Bms against the 55 AA EB 90 simulator on a plain link", () => {
  it("read(): 0x97 then 0x96; the device info's versions choose the 32-cell layout; the battery in SI units", async () => {
    const { bms, simulator } = await connect({ pack: { current: -8 } });
    const reading = await bms.read();
    expect(reading.device).toMatchObject({ model: "JK_PB2A16S20P", hardware: "19A", firmware: "19.05" });
    expect(reading.reading).toMatchObject({ protocol: "55aa-eb90", generation: "jk02-32s" });
    const expected = new JkPbDevice({ address: 1, pack: { current: -8 } });
    expected.step(0);
    expect(reading.batteries[0]).toMatchObject({ current: -8, soc: 50, fullCapacity: 100, chargeAllowed: true });
    expect(reading.batteries[0]!.cellVoltages).toEqual(expected.pack.cellVoltages().map((v) => Math.round(v * 1000) / 1000));
    expect(simulator.commands.map((c) => c.register)).toEqual([0x97, 0x96]);
    bms.dispose();
  });

  it("24-cell firmware (10.09): the layout follows the versions", async () => {
    const { bms } = await connect({ generation: "jk02-24s", pack: { current: 3 } });
    const reading = await bms.read();
    expect(reading.reading.generation).toBe("jk02-24s");
    expect(reading.batteries[0]).toMatchObject({ current: 3, soc: 50 });
    expect(reading.batteries[0]!.temperatures).toHaveLength(2);
    bms.dispose();
  });

  it("switches and a setting written with AA 55 90 EB commands and read back from the settings frame", async () => {
    const { bms, simulator } = await connect();
    expect(await bms.setSwitch("chargeSwitch", false)).toEqual({ name: "chargeSwitch", previous: 1, readBack: 0, changed: true });
    expect(simulator.device.pack.chargeMos).toBe(false);
    expect(await bms.writeSetting("cellOvervoltageProtection", 3.6)).toMatchObject({ readBack: 3.6, changed: true });
    const sent = simulator.commands.filter((c) => c.register !== 0x96 && c.register !== 0x97);
    expect(sent).toEqual([
      { register: 0x1d, length: 4, value: 0 },
      { register: 0x04, length: 4, value: 3600 },
    ]);
    expect(toHex(encodeEb90Command(0x1d, 0, 4))).toBe(toHex(Uint8Array.of(0xaa, 0x55, 0x90, 0xeb, 0x1d, 0x04, ...new Array<number>(13).fill(0), 0x9b)));
    bms.dispose();
  });

  it("a garbled frame is retried; a silent BMS fails with a typed timeout", async () => {
    const { bms, simulator } = await connect({}, { retry: { retries: 1 } });
    simulator.inject({ kind: "corrupt-checksum" }, 1);
    await bms.readDeviceInfo();
    expect(bms.counters).toMatchObject({ retries: 1, checksumErrors: 1 });
    bms.dispose();
    const { host } = createMemoryLink();
    await host.open();
    const silent = new JkEb90Bms(host, { ...FAST, retry: { retries: 0 } });
    await expect(silent.readDeviceInfo()).rejects.toMatchObject({ code: "timeout" });
    silent.dispose();
  });
});
