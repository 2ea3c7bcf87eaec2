import { fromHex, isBattError, type BattError, type Transport } from "@batt/core";
import type { FaultyTransport } from "@batt/core/testing";
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

  it("the shared reply faults: corrupted checksum, split, garbage before, truncated, delayed and silent replies", async () => {
    const clock = new ManualClock();
    const { bms, simulator } = await rig({ clock });
    simulator.inject({ kind: "corrupt-checksum" });
    expect(await bms.readCellVoltages()).toHaveLength(4);
    expect(bms.counters.checksumErrors).toBe(1);

    const skipped = bms.counters.bytesSkipped; // the corrupted reply
    simulator.inject({ kind: "split", size: 3 });
    simulator.inject({ kind: "garbage-before", bytes: fromHex("FF FF") });
    expect((await bms.readBasicInfo()).cellCount).toBe(4);
    expect(bms.counters.bytesSkipped - skipped).toBe(2);

    // A reply cut short never completes: the deadline passes and the retry gets the whole reply.
    simulator.inject({ kind: "truncate", length: 10 });
    expect((await bms.readBasicInfo()).cellCount).toBe(4);
    expect(bms.counters.timeouts).toBe(1);

    simulator.inject({ kind: "silence" });
    await expect(bms.readDeviceName()).resolves.toMatch(/^JBD-SIM/);
    expect(bms.counters.timeouts).toBe(2);
    expect(simulator.counters.replies).toBe(6);
  });

  it("a reply delayed past the deadline times out; the retry's reply is taken, the late one is not", async () => {
    const { bms, simulator } = await rig({}, { timeoutMs: 40 });
    simulator.inject({ kind: "delay", ms: 60 });
    expect((await bms.readBasicInfo()).cellCount).toBe(4);
    expect(bms.counters).toMatchObject({ timeouts: 1, retries: 1 });
  });

  it("a split reply with pauses on the simulator's clock arrives whole", async () => {
    const { bms, simulator } = await rig();
    simulator.inject({ kind: "split", size: 5, gapMs: 2 });
    expect((await bms.readBasicInfo()).cellCount).toBe(4);
  });

  it("a late duplicate arriving between requests is unsolicited, not the next answer", async () => {
    const { bms, simulator } = await rig({ pack: { current: 1 } }, { minGapMs: 40 });
    simulator.inject({ kind: "duplicate", delayMs: 15 });
    expect((await bms.readBasicInfo()).current).toBe(1);
    simulator.device.setCurrent(2);
    expect((await bms.readBasicInfo()).current).toBe(2);
    expect(bms.client.engine.counters.unsolicited).toBe(1);
  });
});

/** Whether `chunk` is a write request for `register` (`DD 5A rr …`). */
const isWrite = (register: number) => (chunk: Uint8Array) => chunk[0] === 0xdd && chunk[1] === 0x5a && chunk[2] === register;

/**
 * Makes the line go bad from the moment a request matching `trigger` reaches the BMS: `script[i]`
 * runs when the i-th chunk from then on arrives (0 = the trigger itself) and injects the rules that
 * damage what follows (its reply, the next requests). The BMS has already answered the chunk by
 * then, so an `rx` rule hits that answer and a `tx` rule hits the driver's next request.
 */
function lineTrouble(device: Transport, faulty: FaultyTransport, trigger: (chunk: Uint8Array) => boolean, script: readonly (() => void)[]): void {
  let seen = -1;
  device.onData((chunk) => {
    if (seen < 0 && !trigger(chunk)) return;
    seen++;
    script[seen]?.();
  });
}

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

  it("a noisy line mid-write (lost reply, garbled retry, lost exit) that then comes back: the exit's retry gets through and the error names every setting", async () => {
    const { bms, simulator, faulty, device } = await rig();
    lineTrouble(device, faulty, isWrite(0x26), [
      // The BMS takes cuvp, but its reply is lost, and the driver's retry of the write arrives garbled.
      () => {
        faulty.inject({ direction: "rx", fault: { kind: "drop" }, times: 1 });
        faulty.inject({ direction: "tx", fault: { kind: "corrupt", index: 4, mask: 0x10 }, times: 1 });
      },
      // Still noisy when the driver gives up on the write: the first attempt at the exit is lost as well.
      () => faulty.inject({ direction: "tx", fault: { kind: "drop" }, times: 1 }),
    ]);
    const error = (await bms.writeSettings(changes).catch((e: unknown) => e)) as BattError;

    expect(faulty.hits).toMatchObject({ drop: 2, corrupt: 1 });
    expect(simulator.counters.malformed).toBeGreaterThan(0);
    expect(error.code).toBe("timeout");
    expect(error.context).toMatchObject({ written: ["covp"], uncertain: ["cuvp"], notWritten: ["chgot"], saved: false, previous: { covp: 3.65, cuvp: 2.5 } });
    expect(error.context.factoryExit).toBeUndefined();
    expect(error.message).toMatch(/Written and verified: covp; possibly written: cuvp; not written: chgot; nothing was saved to EEPROM/);
    expect(error.message).not.toMatch(/factory mode/);

    // The exit's retry reached the BMS: out of factory mode, nothing committed.
    expect(simulator.device.factoryMode).toBe(false);
    const exit = simulator.requests.at(-1)!;
    expect([exit.register, ...exit.data]).toEqual([0x01, 0, 0]);
    expect(simulator.device.eeprom.saved.get(0x24)).toBe(3650);
    expect(simulator.device.eeprom.saved.get(0x26)).toBe(2500);
    // "Possibly written" was right to warn: the first attempt had landed.
    expect(simulator.device.eeprom.get(0x26)).toBe(2600);

    // With the line back, reading shows where things stand, and running the write again finishes it.
    expect((await bms.readSettings(["covp", "cuvp", "chgot"])).values).toEqual({ covp: 3.6, cuvp: 2.6, chgot: 50 });
    expect(await bms.writeSettings(changes)).toMatchObject({ written: ["chgot"], unchanged: ["covp", "cuvp"], saved: true });
    expect(simulator.device.eeprom.saved).toEqual(simulator.device.eeprom.working);
    expect(simulator.device.factoryMode).toBe(false);
  });

  it("a stuttering line whose every failure a retry absorbs: the write completes and every setting reads back", async () => {
    const { bms, simulator, faulty, device } = await rig();
    lineTrouble(device, faulty, isWrite(0x26), [
      // The reply to the cuvp write is lost; the driver writes it again (the same value, so no harm).
      () => faulty.inject({ direction: "rx", fault: { kind: "drop" }, times: 1 }),
      // The read-back request arrives garbled and goes unanswered…
      () => faulty.inject({ direction: "tx", fault: { kind: "corrupt", index: 4, mask: 0x10 }, times: 1 }),
      // …and the answer to its retry comes with line noise in front of it.
      () => faulty.inject({ direction: "rx", fault: { kind: "prefix", bytes: fromHex("FF 00 FF") }, times: 1 }),
    ]);
    const report = await bms.writeSettings(changes);

    expect(faulty.hits).toMatchObject({ drop: 1, corrupt: 1, prefix: 1 });
    expect(bms.client.engine.counters).toMatchObject({ retries: 2, timeouts: 2 });
    expect(report).toMatchObject({ written: ["covp", "cuvp", "chgot"], unchanged: [], saved: true });
    expect(simulator.device.factoryMode).toBe(false);
    expect((await bms.readSettings(Object.keys(changes))).values).toEqual(changes);
    expect(simulator.device.eeprom.saved.get(0x24)).toBe(3600);
    expect(simulator.device.eeprom.saved.get(0x26)).toBe(2600);
    expect(simulator.device.eeprom.saved.get(0x18)).toBe(3281);
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

  // When no byte can get through any more, the exit cannot be sent either, and the BMS stays in
  // factory mode. The driver cannot prevent that; it says so. The reference documents no
  // factory-mode timeout on real BMSs, so the simulator has none: factory mode ends with the next
  // session's exit or a power cycle.
  it("the line goes dead mid-write (nothing gets through): the error says what was written and that the BMS may still be in factory mode", async () => {
    const { bms, simulator, faulty, device } = await rig({}, { timeoutMs: 30 });
    lineTrouble(device, faulty, isWrite(0x26), [
      () => {
        faulty.inject({ direction: "rx", fault: { kind: "drop" }, times: Infinity });
        faulty.inject({ direction: "tx", fault: { kind: "drop" }, times: Infinity });
      },
    ]);
    const error = (await bms.writeSettings(changes).catch((e: unknown) => e)) as BattError;
    expect(error.code).toBe("timeout");
    expect(error.context).toMatchObject({ written: ["covp"], uncertain: ["cuvp"], notWritten: ["chgot"], saved: false });
    expect(String(error.context.factoryExit)).toMatch(/^failed: .*may still be in factory mode$/);
    expect(error.message).toMatch(/leaving factory mode failed: .*the BMS may still be in factory mode\. Written and verified: covp; possibly written: cuvp; not written: chgot/);
    expect(simulator.device.factoryMode).toBe(true);

    // When the line comes back, the next session's exit ends factory mode.
    faulty.clear();
    expect((await bms.readSettings(["covp", "cuvp", "chgot"])).values).toEqual({ covp: 3.6, cuvp: 2.6, chgot: 50 });
    expect(simulator.device.factoryMode).toBe(false);
  });

  it("the link is lost for good (cable pulled): the error still lists what was written and says the exit failed", async () => {
    const { bms, host, device, simulator } = await rig();
    device.onData((chunk) => {
      if (chunk[1] === 0x5a && chunk[2] === 0x26) host.disconnect("cable pulled");
    });
    const error = (await bms.writeSettings(changes).catch((e: unknown) => e)) as BattError;
    expect(error.code).toBe("disconnected");
    expect(error.context).toMatchObject({ written: ["covp"], saved: false });
    expect(String(error.context.factoryExit)).toMatch(/may still be in factory mode/);
    expect(error.message).toMatch(/may still be in factory mode/);
    expect(simulator.device.factoryMode).toBe(true);
    // Only a power cycle (or a later session) gets it out; the uncommitted writes are then gone.
    simulator.device.powerCycle();
    expect(simulator.device.factoryMode).toBe(false);
    expect(simulator.device.eeprom.get(0x24)).toBe(3650);
  });

  it("the entry's reply is lost and then the line dies: the error says the BMS may be in factory mode", async () => {
    const { bms, simulator, faulty, device } = await rig({}, { timeoutMs: 30 });
    lineTrouble(device, faulty, isWrite(0x00), [
      () => {
        faulty.inject({ direction: "rx", fault: { kind: "drop" }, times: Infinity });
        faulty.inject({ direction: "tx", fault: { kind: "drop" }, times: Infinity });
      },
    ]);
    const error = (await bms.writeSettings(changes).catch((e: unknown) => e)) as BattError;
    expect(error.code).toBe("timeout");
    expect(error.message).toMatch(/leaving factory mode failed: .*may still be in factory mode/);
    expect(error.context).not.toHaveProperty("written");
    expect(simulator.device.factoryMode).toBe(true);
    expect(simulator.device.eeprom.working).toEqual(simulator.device.eeprom.saved);
  });
});
