import { fromHex, isBattError, type BattError } from "@batt/core";
import { describe, expect, it } from "vitest";
import { encodeBasicInfo, encodeResponse } from "../src/index.js";
import { ManualClock } from "../src/simulator/index.js";
import { rig } from "./helpers.js";

describe("link faults (FaultyTransport)", () => {
  it("skips stray bytes before a reply and counts them", async () => {
    const { bms, faulty } = await rig();
    faulty.inject({ fault: { kind: "prefix", bytes: fromHex("FF FF 00 77") } });
    expect((await bms.readCellVoltages()).length).toBe(4);
    expect(bms.client.engine.counters.bytesSkipped).toBe(4);
  });

  it("reassembles a reply split into bytes with pauses", async () => {
    const { bms, faulty } = await rig();
    faulty.inject({ fault: { kind: "split", size: 1, gapMs: 1 } });
    expect((await bms.readBasicInfo()).cellCount).toBe(4);
  });

  it("retries once after a bad checksum, then gives up with a checksum error", async () => {
    const { bms, faulty } = await rig();
    faulty.inject({ fault: { kind: "corrupt", index: 6, mask: 0x01 } });
    expect((await bms.readBasicInfo()).cellCount).toBe(4);
    expect(bms.client.engine.counters).toMatchObject({ checksumErrors: 1, retries: 1 });
    faulty.inject({ fault: { kind: "corrupt", index: 6, mask: 0x01 }, times: 2 });
    await expect(bms.readBasicInfo()).rejects.toMatchObject({ code: "checksum" });
    expect((await bms.readBasicInfo()).cellCount).toBe(4);
  });

  it("a duplicated reply becomes unsolicited, and the next request gets its own answer", async () => {
    const { bms, faulty } = await rig();
    faulty.inject({ fault: { kind: "duplicate" } });
    await bms.readBasicInfo();
    expect(await bms.readCellVoltages()).toHaveLength(4);
    expect(bms.client.engine.counters.unsolicited).toBe(1);
  });

  it("a stale reply for another register is not taken as the answer", async () => {
    const { bms, faulty } = await rig();
    const stale = encodeResponse(0x03, 0, encodeBasicInfo({
      voltage: 1, current: 0, remaining: 0, nominal: 0, cycles: 0, date: 0, balanceLow: 0, balanceHigh: 0,
      protection: 0, version: 0, rsoc: 0, fet: 0, cellCount: 1, ntc: [],
    }));
    faulty.inject({ fault: { kind: "prefix", bytes: stale } });
    expect(await bms.readCellVoltages()).toHaveLength(4);
    expect(bms.client.engine.counters.unsolicited).toBe(1);
  });

  it("a lost reply times out after the wake-up retry", async () => {
    const { bms, faulty } = await rig();
    faulty.inject({ fault: { kind: "drop" }, times: 2 });
    await expect(bms.readBasicInfo()).rejects.toMatchObject({ code: "timeout", context: { attempts: 2 } });
    expect((await bms.readBasicInfo()).cellCount).toBe(4);
  });
});

describe("simulator faults", () => {
  it("a sleeping BMS ignores the first request; the default retry wakes it", async () => {
    const { bms, simulator } = await rig();
    simulator.sleep();
    expect((await bms.readBasicInfo()).cellCount).toBe(4);
    expect(simulator.counters.ignored).toBe(1);
    expect(bms.client.engine.counters).toMatchObject({ timeouts: 1, retries: 1, replies: 1 });
  });

  it("without a retry, the sleeping BMS gives a timeout", async () => {
    const { bms, simulator } = await rig({ startAsleep: true }, { retry: { retries: 0 } });
    await expect(bms.readBasicInfo()).rejects.toMatchObject({ code: "timeout" });
    expect((await bms.readBasicInfo()).cellCount).toBe(4);
    expect(simulator.counters.ignored).toBe(1);
  });

  it("falls asleep after the idle time on its clock", async () => {
    const clock = new ManualClock();
    const { bms, simulator } = await rig({ clock, sleepAfterIdleMs: 30_000 });
    await bms.readBasicInfo();
    clock.advance(10_000);
    await bms.readBasicInfo();
    expect(simulator.counters.ignored).toBe(0);
    clock.advance(30_000);
    await bms.readBasicInfo();
    expect(simulator.counters.ignored).toBe(1);
    expect(bms.client.engine.counters.retries).toBe(1);
  });

  it("corrupted checksum, split replies, stray bytes and silence", async () => {
    const clock = new ManualClock();
    const { bms, simulator } = await rig({ clock });
    simulator.inject({ kind: "corrupt-checksum" });
    expect(await bms.readCellVoltages()).toHaveLength(4);
    expect(bms.client.engine.counters.checksumErrors).toBe(1);

    simulator.inject({ kind: "split", size: 3 });
    simulator.inject({ kind: "stray", bytes: fromHex("FF FF") });
    simulator.inject({ kind: "stray", bytes: fromHex("01 02 03 04"), position: "after" });
    expect((await bms.readBasicInfo()).cellCount).toBe(4);
    expect(bms.client.engine.counters.bytesSkipped).toBeGreaterThanOrEqual(2);

    simulator.inject({ kind: "silence" });
    expect(await bms.readDeviceName()).toMatch(/^JBD-SIM/);
    expect(bms.client.engine.counters.timeouts).toBe(1);
  });

  it("a split reply with pauses on the simulator's clock arrives whole", async () => {
    const { bms, simulator } = await rig();
    simulator.inject({ kind: "split", size: 5, gapMs: 2 });
    expect((await bms.readBasicInfo()).cellCount).toBe(4);
  });

  it("a late duplicate arriving between requests is unsolicited, not the next answer", async () => {
    const { bms, simulator } = await rig({ pack: { currentA: 1 } }, { minGapMs: 40 });
    simulator.inject({ kind: "duplicate", delayMs: 15 });
    expect((await bms.readBasicInfo()).current).toBe(1);
    simulator.device.setCurrent(2);
    expect((await bms.readBasicInfo()).current).toBe(2);
    expect(bms.client.engine.counters.unsolicited).toBe(1);
  });
});

describe("failure in the middle of a settings write", () => {
  const changes = { covp: 3.6, cuvp: 2.6, chgot: 55 };

  it("the link fails while cuvp is written: factory mode is left, and the error says what was written", async () => {
    const { bms, simulator, faulty, device } = await rig();
    device.onData((chunk) => {
      // The request that writes 0x26 reaches the BMS, but its reply and the retry's reply are lost.
      if (chunk[1] === 0x5a && chunk[2] === 0x26) faulty.inject({ fault: { kind: "drop" }, times: 1 });
    });
    const error = (await bms.writeSettings(changes).catch((e: unknown) => e)) as BattError;
    expect(isBattError(error, "timeout")).toBe(true);
    expect(error.context).toMatchObject({ written: ["covp"], uncertain: ["cuvp"], notWritten: ["chgot"], saved: false, previous: { covp: 3.65, cuvp: 2.5 } });
    expect(error.message).toMatch(/Written and verified: covp; possibly written: cuvp; not written: chgot; nothing was saved/);
    expect(simulator.device.factoryMode).toBe(false);
    // Nothing reached EEPROM; the working copy holds what the BMS accepted.
    expect(simulator.device.eeprom.saved.get(0x24)).toBe(3650);
    expect(simulator.device.eeprom.get(0x24)).toBe(3600);
    expect(simulator.device.eeprom.get(0x18)).toBe(3231);
    const exit = simulator.requests.at(-1)!;
    expect([exit.register, ...exit.data]).toEqual([0x01, 0, 0]);
  });

  it("lost replies to the factory entry: the BMS did enter, so the exit is still sent", async () => {
    const { bms, simulator, faulty } = await rig();
    faulty.inject({ fault: { kind: "drop" }, times: 2 });
    await expect(bms.writeSettings(changes)).rejects.toMatchObject({ code: "timeout" });
    expect(simulator.device.factoryMode).toBe(false);
    expect(simulator.device.eeprom.get(0x24)).toBe(3650);
  });

  it("the BMS refuses a register mid-way: the refused setting is listed as not written", async () => {
    const { bms, simulator } = await rig();
    const device = simulator.device;
    const original = device.handle.bind(device);
    device.handle = (request) => (request.kind === "write" && request.register === 0x26 ? { register: 0x26, status: 0x80, data: new Uint8Array(0) } : original(request));
    const error = (await bms.writeSettings(changes).catch((e: unknown) => e)) as BattError;
    expect(error.code).toBe("device-exception");
    expect(error.context).toMatchObject({ written: ["covp"], uncertain: [], notWritten: ["cuvp", "chgot"], deviceCode: 0x80 });
    expect(device.factoryMode).toBe(false);
  });

  it("an abort mid-way still sends the exit", async () => {
    const { bms, simulator, device } = await rig();
    const controller = new AbortController();
    device.onData((chunk) => {
      if (chunk[1] === 0x5a && chunk[2] === 0x26) controller.abort();
    });
    const error = (await bms.writeSettings(changes, { signal: controller.signal }).catch((e: unknown) => e)) as BattError;
    expect(error.code).toBe("aborted");
    expect(error.context.written).toEqual(["covp"]);
    expect(simulator.device.factoryMode).toBe(false);
  });

  it("the link is lost for good: the error still lists what was written and says the exit failed", async () => {
    const { bms, host, device } = await rig();
    device.onData((chunk) => {
      if (chunk[1] === 0x5a && chunk[2] === 0x26) host.disconnect("cable pulled");
    });
    const error = (await bms.writeSettings(changes).catch((e: unknown) => e)) as BattError;
    expect(error.code).toBe("disconnected");
    expect(error.context).toMatchObject({ written: ["covp"], saved: false });
    expect(String(error.context.factoryExit)).toMatch(/may still be in factory mode/);
  });
});
