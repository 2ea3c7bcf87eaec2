import { createMemoryLink, isBattError, toHex, type Transport } from "@batt/core";
import { encodeRtuFrame, encodeRequest } from "@batt/modbus-rtu";
import { describe, expect, it } from "vitest";
import { JkPbBus, type JkPbBusOptions } from "../src/index.js";
import { JkPbSimulator, type JkPbSimulatorOptions } from "../src/simulator/index.js";

const FAST: JkPbBusOptions = { timeoutMs: 150, minGapMs: 0, drain: { quietMs: 5, maxMs: 50 } };

async function connectPb(sim: JkPbSimulatorOptions = {}, bus: JkPbBusOptions = FAST) {
  const { host, device } = createMemoryLink({ info: { baudRate: 115200 } });
  await Promise.all([host.open(), device.open()]);
  const requests: Uint8Array[] = [];
  device.onData((chunk) => requests.push(chunk));
  const simulator = new JkPbSimulator(sim).attach(device);
  return { simulator, bus: new JkPbBus(host, bus), requests };
}

/** `transport`, counting the data listeners others keep on it. */
function watched(transport: Transport): { transport: Transport; listeners: () => number } {
  let count = 0;
  return {
    listeners: () => count,
    transport: {
      kind: transport.kind,
      info: transport.info,
      get isOpen() {
        return transport.isOpen;
      },
      open: () => transport.open(),
      close: () => transport.close(),
      write: (data) => transport.write(data),
      onClose: (listener) => transport.onClose(listener),
      onData(listener) {
        count++;
        const off = transport.onData(listener);
        let on = true;
        return () => {
          if (on) count--;
          on = false;
          off();
        };
      },
    },
  };
}

describe("JK-PB over Modbus RTU against the simulator", () => {
  it("reads live data with byte-offset addresses in reads of at most 40 registers", async () => {
    const { simulator, bus, requests } = await connectPb({ packs: [{ address: 1, pack: { cells: 16, soc: 70 } }] });
    simulator.pack(1).pack.demand = -20;
    simulator.step(10_000);
    const live = await bus.pack(1).readLive();
    const model = simulator.pack(1).pack;
    expect(live.cellVoltages).toEqual(model.cellVoltages());
    expect(live.current).toBe(-20);
    expect(live.packVoltage).toBeCloseTo(model.totalVoltage(), 3);
    expect(live.power).toBeCloseTo(-20 * model.totalVoltage(), 2);
    expect(live.soc).toBe(Math.round(model.soc()));
    expect(live).toMatchObject({ chargeMos: true, dischargeMos: true, soh: 100, address: 1 });
    // The first read starts at 0x1200 (CellVol0) and the next one 40 registers = 80 bytes later.
    expect(toHex(requests[0]!.subarray(0, 6))).toBe("01 03 12 00 00 28");
    expect(toHex(requests[1]!.subarray(0, 6))).toBe("01 03 12 50 00 28");
    expect(requests).toHaveLength(4);
  });

  it("reads settings and device information", async () => {
    const { bus } = await connectPb({ packs: [{ address: 3, pack: { cells: 8, chemistry: "lifepo4", capacity: 280 } }] });
    const settings = await bus.pack(3).readSettings();
    expect(settings).toMatchObject({ cellCount: 8, capacity: 280, cellOvervoltageProtection: 3.65, chargeEnable: 1, deviceAddress: 3, smartSleepTime: 86400 });
    expect(settings.functions.names).toEqual(["port1Rs485"]);
    const info = await bus.pack(3).readDeviceInfo();
    expect(info).toMatchObject({ model: "JK_PB2A16S20P", hardwareVersion: "19A", softwareVersion: "19.05" });
  });

  it("switches charging off with a write and a read-back", async () => {
    const { simulator, bus, requests } = await connectPb();
    const pack = bus.pack(1);
    const before = requests.length;
    const result = await pack.setChargeSwitch(false);
    expect(result).toMatchObject({ name: "chargeEnable", address: 0x1070, previous: 1, readBack: 0, changed: true });
    // FC 0x10 to 0x1070 (settings base + byte offset 0x70), 2 registers, value 0.
    const write = encodeRtuFrame(1, encodeRequest({ kind: "write-multiple-registers", address: 0x1070, values: [0, 0] }));
    expect(requests.slice(before).map((r) => toHex(r))).toContain(toHex(write));
    simulator.pack(1).pack.demand = 10;
    simulator.step(1000);
    const live = await pack.readLive();
    expect(live.chargeMos).toBe(false);
    expect(live.current).toBe(0);
    expect((await pack.setChargeSwitch(false)).changed).toBe(false);
  });

  it("writes a scaled setting and refuses values out of range before sending", async () => {
    const { simulator, bus, requests } = await connectPb();
    const pack = bus.pack(1);
    const result = await pack.writeSetting("cellOvervoltageProtection", 3.6);
    expect(result.readBack).toBe(3.6);
    expect(simulator.pack(1).limits().cellOvervoltage).toBe(3.6);
    const sent = requests.length;
    await expect(pack.writeSetting("cellOvervoltageProtection", 7)).rejects.toMatchObject({ code: "invalid-argument" });
    await expect(pack.writeSetting("chargeEnable", 2)).rejects.toMatchObject({ code: "invalid-argument" });
    expect(requests).toHaveLength(sent);
  });

  it("talks to several packs on one bus by address", async () => {
    const { simulator, bus } = await connectPb({ packs: [{ address: 1, pack: { soc: 30 } }, { address: 2, pack: { soc: 80 } }, { address: 5, pack: { soc: 55, cells: 4 } }] });
    const readings = await bus.readLiveAll([1, 2, 5, 7]);
    expect(readings.map((r) => r.address)).toEqual([1, 2, 5, 7]);
    const socs = readings.flatMap((r) => (r.ok ? [r.data.soc] : []));
    expect(socs).toEqual([1, 2, 5].map((a) => Math.round(simulator.pack(a).pack.soc())));
    expect(readings[2]).toMatchObject({ ok: true, data: { cellVoltages: expect.any(Array) } });
    expect(readings[2]!.ok && readings[2]!.data.cellVoltages).toHaveLength(4);
    expect(readings[3]).toMatchObject({ ok: false, error: { code: "timeout" } });
    await bus.pack(2).setDischargeSwitch(false);
    expect(simulator.pack(2).limits().dischargeEnabled).toBe(false);
    expect(simulator.pack(1).limits().dischargeEnabled).toBe(true);
  });

  it("refuses address 0, the bus master, and addresses beyond the DIP switch", async () => {
    const { bus } = await connectPb();
    for (const address of [0, 16, 1.5]) expect(() => bus.pack(address)).toThrow(expect.objectContaining({ code: "invalid-argument" }));
  });

  it("attaches only to an open transport, answers until detached, then lets go of it and leaves it open; faults survive a re-attachment", async () => {
    const { host, device } = createMemoryLink({ info: { baudRate: 115200 } });
    const { transport, listeners } = watched(device);
    const simulator = new JkPbSimulator();
    expect(() => simulator.attach(transport)).toThrow(expect.objectContaining({ code: "not-open" }));
    await Promise.all([host.open(), device.open()]);
    const bus = new JkPbBus(host, { ...FAST, retry: { retries: 0 } });
    simulator.attach(transport);
    expect(listeners()).toBe(1);
    expect(await bus.pack(1).readSetting("cellCount")).toBe(16);
    simulator.detach();
    expect(listeners()).toBe(0);
    expect(device.isOpen).toBe(true);
    await expect(bus.pack(1).readSetting("cellCount")).rejects.toMatchObject({ code: "timeout" });
    // A fault injected while detached waits for the replies of the next attachment (the base's inject contract).
    const replies: Uint8Array[] = [];
    host.onData((chunk) => replies.push(chunk));
    simulator.inject({ kind: "corrupt-checksum" });
    simulator.attach(transport).attach(transport);
    expect(listeners()).toBe(1);
    await expect(bus.pack(1).readSetting("cellCount")).rejects.toMatchObject({ code: "checksum" });
    expect(await bus.pack(1).readSetting("cellCount")).toBe(16);
    expect(replies).toHaveLength(2);
    expect(simulator.counters).toMatchObject({ requests: 2 });
  });

  it("recovers from a corrupted and a silent reply by retrying", async () => {
    const { simulator, bus } = await connectPb();
    simulator.inject({ kind: "corrupt-checksum" });
    await expect(bus.pack(1).readSetting("cellCount")).resolves.toBe(16);
    expect(bus.client.counters).toMatchObject({ checksumErrors: 1, retries: 1 });
    simulator.inject({ kind: "silence" });
    await expect(bus.pack(1).readSetting("cellCount")).resolves.toBe(16);
    expect(bus.client.counters).toMatchObject({ timeouts: 1, retries: 2 });
    simulator.inject({ kind: "garbage-before", bytes: Uint8Array.of(0x00, 0xff) });
    simulator.inject({ kind: "split", size: 3 }, 4);
    await expect(bus.pack(1).readDeviceInfo()).resolves.toMatchObject({ model: "JK_PB2A16S20P" });
    simulator.inject({ kind: "truncate", length: 5 }, 2);
    const error = await bus.pack(1).readSetting("cellCount").catch((e: unknown) => e);
    expect(isBattError(error, "timeout")).toBe(true);
    expect(await bus.pack(1).readSetting("cellCount")).toBe(16);
  });
});
