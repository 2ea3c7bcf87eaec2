import { createMemoryLink } from "@batt/core";
import { DeviceSimulator } from "@batt/core/simulator";
import { ManualClock } from "@batt/core/testing";
import { describe, expect, it } from "vitest";
import { ModbusClient, ModbusSimulator, RegisterBank, type ModbusServing, type ModbusSimulatorOptions } from "../src/index.js";
import { failure } from "./support.js";

/** A counter that goes up by one per simulated second, in input register 0, at unit 7 (and 0xFE, answered from 7). */
class CounterSimulator extends ModbusSimulator {
  readonly bank = new RegisterBank({ inputRegisters: 1 });
  elapsedMs = 0;
  servings = 0;

  constructor(options: ModbusSimulatorOptions = {}) {
    super(options);
  }

  override step(ms: number): void {
    this.elapsedMs += ms;
    this.bank.inputRegisters.write(0, [Math.floor(this.elapsedMs / 1000) & 0xffff]);
  }

  protected override serving(): ModbusServing {
    this.servings++;
    return { units: [7, 0xfe], replyUnit: (unit) => (unit === 0xfe ? 7 : unit), handler: this.bank };
  }
}

async function link() {
  const { host, device } = createMemoryLink();
  await Promise.all([host.open(), device.open()]);
  return { host, device, client: new ModbusClient(host, { timeoutMs: 30, drain: { quietMs: 2, maxMs: 20 } }) };
}

describe("ModbusSimulator", () => {
  it("answers on an open transport with what the subclass serves, from the reply address it gives", async () => {
    const { device, client } = await link();
    const sim = new CounterSimulator().attach(device);
    sim.step(3000);
    expect(await client.readInputRegisters(7, 0, 1)).toEqual([3]);
    expect(await client.exchange(0xfe, { kind: "read-input-registers", address: 0, count: 1 }, { replyUnit: "any" })).toMatchObject({ unit: 7 });
    expect(sim.counters).toMatchObject({ requests: 2, responses: 2 });
    expect(sim.servings).toBe(1);
  });

  it("is core's DeviceSimulator; faults injected before attach wait for the first replies", async () => {
    const { device, client } = await link();
    const sim = new CounterSimulator();
    expect(sim).toBeInstanceOf(DeviceSimulator);
    sim.inject({ kind: "silence" });
    sim.inject({ kind: "corrupt-checksum" }, 2);
    expect(sim.counters).toBeUndefined();
    sim.attach(device);
    expect(await failure(client.readInputRegisters(7, 0, 1))).toMatchObject({ code: "timeout" });
    expect(await failure(client.readInputRegisters(7, 0, 1))).toMatchObject({ code: "checksum" });
    expect(await client.readInputRegisters(7, 0, 1)).toEqual([0]);
    expect(sim.counters).toMatchObject({ requests: 3, responses: 3 });
  });

  it("detach and stop leave the transport open; attach again serves anew", async () => {
    const { device, client } = await link();
    const sim = new CounterSimulator().attach(device);
    sim.detach();
    expect(device.isOpen).toBe(true);
    expect(await failure(client.readInputRegisters(7, 0, 1))).toMatchObject({ code: "timeout" });
    sim.attach(device);
    expect(await client.readInputRegisters(7, 0, 1)).toEqual([0]);
    expect(sim.servings).toBe(2);
    await sim.stop();
    expect(device.isOpen).toBe(true);
    expect(sim.counters).toBeUndefined();
  });

  it("start() advances the model on its clock, speed times faster; stop() ends it", async () => {
    const clock = new ManualClock();
    const sim = new CounterSimulator({ clock });
    sim.start(500, 60);
    clock.advance(1499);
    expect(sim.elapsedMs).toBe(60_000);
    clock.advance(1);
    expect(sim.elapsedMs).toBe(90_000);
    sim.start(1000); // restarting replaces the loop
    clock.advance(1000);
    expect(sim.elapsedMs).toBe(91_000);
    await sim.stop();
    clock.advance(10_000);
    expect(sim.elapsedMs).toBe(91_000);
    expect(clock.pending).toBe(0);
  });

  it("holds each reply back by responseDelayMs on its clock", async () => {
    const clock = new ManualClock();
    const { device, client } = await link();
    const sim = new CounterSimulator({ clock, responseDelayMs: 100 }).attach(device);
    let value: number[] | undefined;
    const reading = client.readInputRegisters(7, 0, 1).then((v) => (value = v));
    await new Promise((resolve) => setTimeout(resolve, 0));
    clock.advance(99);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(value).toBeUndefined();
    clock.advance(1);
    await reading;
    expect(value).toEqual([0]);
    expect(sim.counters?.responses).toBe(1);
  });
});
