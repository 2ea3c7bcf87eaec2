import { createMemoryLink } from "@batt/core";
import { FaultyTransport } from "@batt/core/testing";
import { describe, expect, it } from "vitest";
import { VoltaicController } from "../src/index.js";
import { VoltaicSimulator } from "../src/simulator/index.js";
import { failure, rig } from "./support.js";

describe("fault injection", () => {
  it("a silent controller times out, and the next request recovers", async () => {
    const { controller, sim } = await rig();
    sim.inject({ kind: "silence" });
    expect(await failure(controller.readLowVoltageProtection())).toMatchObject({ code: "timeout" });
    expect(await controller.readLowVoltageProtection()).toBe(11);
    expect(controller.counters.timeouts).toBe(1);
  });

  it("a reply with a bad CRC is a checksum error, never a value; the next request recovers", async () => {
    const { controller, sim } = await rig();
    sim.inject({ kind: "corrupt-checksum" });
    expect(await failure(controller.readRealtime())).toMatchObject({ code: "checksum" });
    expect(controller.counters.checksumErrors).toBe(1);
    expect((await controller.readRealtime()).values.batteryVoltage).toBeGreaterThan(12);
  });

  it("retries cure two garbled replies", async () => {
    const { controller, sim } = await rig({ controller: { retry: { retries: 2 } } });
    sim.inject({ kind: "corrupt-checksum" }, 2);
    expect(await controller.readLowVoltageProtection()).toBe(11);
    expect(controller.counters).toMatchObject({ retries: 2, checksumErrors: 2 });
  });

  it("a truncated reply is a timeout, and the next request recovers", async () => {
    const { controller, sim, received } = await rig();
    sim.inject({ kind: "truncate", length: 5 });
    expect(await failure(controller.readLowVoltageProtection())).toMatchObject({ code: "timeout" });
    expect(received[0]).toBe("01 03 02 04 4c"); // 11.00 V without its CRC
    expect(await controller.readLowVoltageProtection()).toBe(11);
    expect(controller.counters.timeouts).toBe(1);
  });

  it("skips line noise before a reply", async () => {
    const { controller, sim } = await rig();
    sim.inject({ kind: "garbage-before", bytes: Uint8Array.of(0x00, 0xff) }, 3);
    const reading = await controller.readAll();
    expect(reading.lowVoltageProtection).toBe(11);
    expect(controller.counters.bytesSkipped).toBe(6);
  });

  it("reassembles replies that arrive one byte at a time, and survives a corrupted request", async () => {
    const { host, device } = createMemoryLink({ info: { baudRate: 9600 } });
    const faulty = new FaultyTransport(host);
    await Promise.all([faulty.open(), device.open()]);
    const sim = new VoltaicSimulator().attach(device);
    const controller = new VoltaicController(faulty, { timeoutMs: 100, minGapMs: 0, drain: { quietMs: 2, maxMs: 20 } });
    faulty.inject({ fault: { kind: "split", size: 1 }, times: 2 });
    expect((await controller.readRealtime()).values.batterySoc).toBe(80);
    faulty.inject({ direction: "tx", fault: { kind: "corrupt", index: 3 } });
    expect(await failure(controller.readLoad())).toMatchObject({ code: "timeout" });
    expect(sim.counters!.checksumErrors).toBe(1);
    expect(await controller.readLoad()).toBe(true);
  });
});
