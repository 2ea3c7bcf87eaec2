import { createMemoryLink, toHex } from "@batt/core";
import { ManualClock } from "@batt/core/testing";
import { describe, expect, it } from "vitest";
import { ModbusClient, ModbusSimulator, RegisterBank, type ModbusServing, type ModbusSimulatorOptions } from "../src/index.js";
import { failure } from "./support.js";

/** Low-voltage protection 11.00 V in holding 0x9022 of unit 1: the reply to a read is `01 03 02 04 4C BB 71`. */
class LvpSimulator extends ModbusSimulator {
  readonly bank = new RegisterBank({ holdingRegisters: { start: 0x9000, size: 0x100 } });

  constructor(options: ModbusSimulatorOptions = {}) {
    super(options);
    this.bank.holdingRegisters.write(0x9022, [1100]);
  }

  override step(): void {}

  protected override serving(): ModbusServing {
    return { units: 1, handler: this.bank };
  }
}

const REPLY = "01 03 02 04 4c bb 71";

async function rig(retries = 0, options: ModbusSimulatorOptions = {}) {
  const { host, device } = createMemoryLink();
  await Promise.all([host.open(), device.open()]);
  const sim = new LvpSimulator(options).attach(device);
  const client = new ModbusClient(host, { timeoutMs: 30, drain: { quietMs: 2, maxMs: 20 }, retry: { retries } });
  const replies: string[] = [];
  host.onData((chunk) => replies.push(toHex(chunk)));
  const read = (): Promise<number[]> => client.readHoldingRegisters(1, 0x9022, 1);
  return { device, sim, client, replies, read };
}

describe("ModbusSimulator: the shared reply faults on Modbus RTU frames", () => {
  it("a good reply is the literal frame", async () => {
    const { read, replies } = await rig();
    expect(await read()).toEqual([1100]);
    expect(replies).toEqual([REPLY]);
  });

  it("silence: the next reply is not sent; the request after it is answered", async () => {
    const { sim, client, replies, read } = await rig();
    sim.inject({ kind: "silence" });
    expect(await failure(read())).toMatchObject({ code: "timeout" });
    expect(await read()).toEqual([1100]);
    expect(replies).toEqual([REPLY]);
    expect(sim.counters?.requests).toBe(2);
    expect(client.counters.timeouts).toBe(1);
  });

  it("corrupt-checksum: the CRC's high byte (the last byte) is inverted, a checksum error and never a value", async () => {
    const { sim, client, replies, read } = await rig();
    sim.inject({ kind: "corrupt-checksum" });
    expect(await failure(read())).toMatchObject({ code: "checksum" });
    expect(replies[0]).toBe("01 03 02 04 4c bb 8e");
    expect(client.counters.checksumErrors).toBe(1);
    expect(await read()).toEqual([1100]);
  });

  it("garbage-before: the bytes arrive just before the reply and are skipped", async () => {
    const { sim, client, replies, read } = await rig();
    sim.inject({ kind: "garbage-before", bytes: Uint8Array.of(0x00, 0xff) }, 2);
    expect(await read()).toEqual([1100]);
    expect(await read()).toEqual([1100]);
    expect(replies).toEqual(["00 ff", REPLY, "00 ff", REPLY]);
    expect(client.counters.bytesSkipped).toBe(4);
  });

  it("truncate: only the first bytes go out, so the request times out", async () => {
    const { sim, replies, read } = await rig();
    sim.inject({ kind: "truncate", length: 4 });
    expect(await failure(read())).toMatchObject({ code: "timeout" });
    expect(replies[0]).toBe("01 03 02 04");
  });

  it("split: the reply goes out in pieces, gapMs apart on the simulator's clock, and is reassembled", async () => {
    const clock = new ManualClock();
    const { sim, replies, read } = await rig(0, { clock });
    sim.inject({ kind: "split", size: 3, gapMs: 5 });
    const value = read();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(replies).toEqual(["01 03 02"]);
    clock.advance(5);
    await new Promise((resolve) => setTimeout(resolve, 0));
    clock.advance(5);
    expect(await value).toEqual([1100]);
    expect(replies).toEqual(["01 03 02", "04 4c bb", "71"]);
  });

  it("delay: the reply goes out ms later on the simulator's clock", async () => {
    const clock = new ManualClock();
    const { sim, replies, read } = await rig(0, { clock });
    sim.inject({ kind: "delay", ms: 20 });
    const value = read();
    await new Promise((resolve) => setTimeout(resolve, 0));
    clock.advance(19);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(replies).toEqual([]);
    clock.advance(1);
    expect(await value).toEqual([1100]);
    expect(replies).toEqual([REPLY]);
  });

  it("faults injected together act on the same reply; times counts replies", async () => {
    const { sim, client, read } = await rig(2);
    sim.inject({ kind: "corrupt-checksum" }, 2);
    sim.inject({ kind: "garbage-before", bytes: Uint8Array.of(0xaa) });
    expect(await read()).toEqual([1100]);
    expect(client.counters).toMatchObject({ retries: 2, checksumErrors: 2 });
  });

  it("clearFaults removes pending faults; detach stops answering and leaves the transport open", async () => {
    const { device, sim, read } = await rig();
    sim.inject({ kind: "silence" }, Infinity);
    sim.clearFaults();
    expect(await read()).toEqual([1100]);
    sim.detach();
    expect(device.isOpen).toBe(true);
    expect(await failure(read())).toMatchObject({ code: "timeout" });
  });

  it("needs an open transport", () => {
    const { device } = createMemoryLink();
    expect(() => new LvpSimulator().attach(device)).toThrow(expect.objectContaining({ code: "not-open" }));
  });
});
