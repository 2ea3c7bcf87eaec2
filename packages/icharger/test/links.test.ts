import { createMemoryLink, fromHex } from "@batt/core";
import { describe, expect, it } from "vitest";
import { failure } from "@batt/test-support/failure";
import { HidRegisterAccess, ICharger, RegisterArea, RegisterClient, type LogViewReport } from "../src/index.js";
import { IChargerSimulator } from "../src/simulator/index.js";
import { hidRig, rigPerTest, rtuRig, sleep } from "./support/rigs.js";

describe("USB HID link", () => {
  const open = rigPerTest(hidRig);

  it("splits reads into 30-register reports and writes into 28-register reports", async () => {
    const r = await open();
    const sent: Uint8Array[] = [];
    (r.charger.access as HidRegisterAccess).engine.onTrace((event) => {
      if (event.type === "tx") sent.push(event.bytes);
    });
    const registers = await r.charger.registers.readHolding(RegisterArea.system, 59);
    expect(registers).toHaveLength(59);
    // LEN 30 FC AH AL 00 N: two reads of 30 and 29 registers.
    expect(sent.map((report) => [report[0], report[1], report[2], report[6]])).toEqual([
      [7, 0x30, 0x03, 30],
      [7, 0x30, 0x03, 29],
    ]);
    sent.length = 0;
    await r.charger.registers.write(RegisterArea.memory, new Array<number>(60).fill(0x4141));
    // LEN = 8 + 2N, N, byte count 2N.
    expect(sent.map((report) => [report[0], report[6], report[7]])).toEqual([
      [8 + 56, 28, 56],
      [8 + 56, 28, 56],
      [8 + 8, 4, 8],
    ]);
    expect(r.sim.device.memoryWindow.slice(0, 60).every((w) => w === 0x4141)).toBe(true);
  });

  it("separates LogView reports from Modbus replies and delivers them decoded", async () => {
    const r = await open();
    const logs: LogViewReport[] = [];
    r.charger.onLog((report) => logs.push(report));
    r.sim.inject({ kind: "interleave-log" }, 5);
    for (let i = 0; i < 5; i++) expect((await r.charger.readStatusWord(0)).raw).toBeTypeOf("number");
    expect(logs).toHaveLength(5);
    expect(r.charger.access.counters).toMatchObject({ unsolicited: 5, timeouts: 0, replies: 5 + 1 });
  });

  it("streams LogView samples while logging is on and a channel runs", async () => {
    const r = await open();
    const logs: LogViewReport[] = [];
    r.charger.onLog((report) => logs.push(report));
    await r.charger.setLogging(true);
    expect(r.sim.device.logging).toBe(true);
    await r.charger.start({ channel: 1, preset: 0, operation: "discharge" });
    await sleep(r.clock, 3000);
    const status = await r.charger.readChannelStatus(1);
    expect(status.runStatus.observedMeaning).toBe("discharging");
    await r.charger.setLogging(false);
    const count = logs.length;
    await sleep(r.clock, 2000);
    expect(logs.length).toBe(count);
    expect(count).toBeGreaterThanOrEqual(3);
    const last = logs.at(-1)!;
    expect(last).toMatchObject({ kind: "sample", channel: 2, state: { name: "discharge" }, batteryType: { name: "LiPo" }, inputVoltage: 24 });
    if (last.kind === "sample") {
      expect(last.current).toBeLessThan(-4);
      expect(last.cells).toHaveLength(8);
      expect(last.cells[0]).toBeGreaterThan(3.5);
    }
    await r.charger.stop(1);
  });

  it("recovers from a truncated report and from silence by repeating the read", async () => {
    const r = await open();
    r.sim.inject({ kind: "truncate", length: 10 });
    const status = await r.charger.readChannelStatus(0);
    expect(status.cellCount).toBe(4);
    // The length byte says 10 where the reply needs 64: the PDU's byte count does not fit, the read is sent again.
    expect(r.charger.access.counters).toMatchObject({ deviceErrors: 1, timeouts: 0, bytesSkipped: 0 });
    r.sim.inject({ kind: "silence" });
    expect((await r.charger.readDeviceInfo()).deviceId).toBe(66);
    expect(r.charger.access.counters.timeouts).toBe(1);
    expect(r.sim.counters.faulted).toBe(2);
  });

  it("rejects a report whose length byte is damaged (corrupt-checksum: USB has no checksum) and one after a garbage report", async () => {
    const r = await open();
    r.sim.inject({ kind: "corrupt-checksum" });
    expect((await r.charger.readDeviceInfo()).serialNumber).toBe("308DUO-SIM1");
    expect(r.charger.access.counters).toMatchObject({ bytesSkipped: 64, timeouts: 1 });
    r.sim.inject({ kind: "garbage-before", bytes: new Uint8Array([0x05, 0x77, 0x01, 0x02, 0x03]) });
    expect((await r.charger.readStatusWord(0)).run).toBe(false);
    // The stray report (64 bytes on the wire) is dropped; the reply right behind it is taken.
    expect(r.charger.access.counters).toMatchObject({ bytesSkipped: 128, timeouts: 1 });
  });

  it("takes a delayed report; a split has no effect on USB, where a report arrives whole", async () => {
    const r = await open();
    const before = r.clock.now();
    r.sim.inject({ kind: "delay", ms: 300 });
    expect((await r.charger.readStatusWord(0)).run).toBe(false);
    expect(r.clock.now() - before).toBeGreaterThanOrEqual(300);
    r.sim.inject({ kind: "split", size: 8, gapMs: 5 });
    expect((await r.charger.readChannelStatus(1)).cellCount).toBe(4);
    expect(r.charger.access.counters).toMatchObject({ timeouts: 0, bytesSkipped: 0, deviceErrors: 0 });
  });

  it("does not repeat a write whose reply was lost", async () => {
    const r = await open();
    r.sim.inject({ kind: "silence" });
    expect((await failure(r.charger.stop(0))).code).toBe("timeout");
    expect(r.sim.device.orders).toHaveLength(1); // carried out once, never sent twice
  });

  it("relocks the order key even when the order's reply is lost", async () => {
    const r = await open();
    r.sim.inject({ kind: "silence" });
    expect((await failure(r.charger.setLogging(true))).code).toBe("timeout");
    expect(r.sim.device.logging).toBe(true); // the charger did get it
    expect(r.sim.device.control[3]).toBe(0);
  });

  it("reports a Modbus exception with its code", async () => {
    const r = await open();
    const error = await failure(r.charger.registers.readHolding(0x9100, 2));
    expect(error).toMatchObject({ code: "device-exception", context: { deviceCode: 2 } });
    const single = await failure(r.charger.registers.readInput(0x0300, 1));
    expect(single.context.deviceCode).toBe(2);
  });

  it("answers a single-channel X6 only on channel 0 and identifies it by an explicit model", async () => {
    const r = await open({ sim: { model: "x6" }, driver: { model: "x6" } });
    expect(r.charger.model).toMatchObject({ id: "x6", channels: 1 });
    const reading = await r.charger.readAll();
    expect(reading.channels).toHaveLength(1);
    expect(reading.deviceInfo.status).toHaveLength(1);
    expect((await r.charger.readSystemSettings()).layout).toBe("x");
    expect((await r.charger.readPreset(6)).chemistry).toBe("LTO");
    expect((await failure(r.charger.readChannelStatus(1))).code).toBe("invalid-argument");
    expect((await r.charger.start({ channel: 0, preset: 0, operation: "power", chemistry: "Power" })).operationCode).toBe(5);
  });

  it("refuses to identify an unknown device ID without a model or product string", async () => {
    const { host, device } = createMemoryLink({ kind: "packet" });
    await Promise.all([host.open(), device.open()]);
    const sim = new IChargerSimulator({ model: "dx8" }).attach(device);
    const error = await failure(ICharger.open(host));
    expect(error.code).toBe("unsupported");
    expect(error.message).toContain("device ID 0");
    const charger = await ICharger.open(host, { productString: "Junsi DX8 USB HID" });
    expect(charger.identified).toMatchObject({ by: "product-string", model: { id: "dx8" } });
    expect((await charger.readSystemSettings()).values).toEqual({}); // DX: raw registers only
    charger.dispose();
    await sim.stop();
  });

  it("ignores bytes past a reply's length byte (the charger leaves stale data there)", async () => {
    const { host, device } = createMemoryLink({ kind: "packet" });
    await Promise.all([host.open(), device.open()]);
    device.onData(() => {
      const report = new Uint8Array(64).fill(0xee);
      report.set(fromHex("06 30 04 02 00 42"));
      void device.write(report);
    });
    const client = new RegisterClient(new HidRegisterAccess(host));
    expect(await client.readInput(0, 1)).toEqual([0x42]);
    client.access.dispose();
  });
});

describe("serial link", () => {
  const open = rigPerTest(rtuRig);

  it("talks to the charger's configured address and recovers from a truncated frame", async () => {
    const rig = await open({ sim: { address: 7 }, driver: { address: 7 } });
    rig.sim.inject({ kind: "truncate", length: 20 });
    expect((await rig.charger.readChannelStatus(0)).cellCount).toBe(4);
    expect(rig.charger.access.counters.timeouts).toBe(1);
    await expect(rig.charger.identify()).resolves.toMatchObject({ address: 7 });
  });

  it("reassembles a reply split into pieces; interleave-log is a USB fault and does nothing here", async () => {
    const rig = await open();
    rig.sim.inject({ kind: "split", size: 5, gapMs: 2 });
    rig.sim.inject({ kind: "interleave-log" });
    expect((await rig.charger.readChannelStatus(0)).cellCount).toBe(4);
    expect(rig.charger.access.counters).toMatchObject({ timeouts: 0, checksumErrors: 0 });
    expect(rig.sim.counters.logReports).toBe(0);
  });

  it("rejects a reply with a bad CRC and reads again", async () => {
    const rig = await open();
    rig.sim.inject({ kind: "corrupt-checksum" });
    expect((await rig.charger.readChannelStatus(1)).cellCount).toBe(4);
    expect(rig.charger.access.counters).toMatchObject({ checksumErrors: 1, replies: 2 + 1 });
  });

  it("gets no answer from a charger at another address", async () => {
    const { host, device } = createMemoryLink({ info: { baudRate: 115200 } });
    await Promise.all([host.open(), device.open()]);
    const sim = new IChargerSimulator({ address: 2 }).attach(device);
    const error = await failure(ICharger.open(host, { address: 1, timeoutMs: 50, retry: { retries: 0 } }));
    expect(error.code).toBe("timeout");
    expect(sim.counters).toMatchObject({ requests: 0, ignored: 1 });
    await sim.stop();
  });
});
