import { createMemoryLink, hex, toHex } from "@batt/core";
import { describe, expect, it } from "vitest";
import { encodeRtuFrame, ModbusClient, ModbusDeviceEnd, RegisterBank, replyFaultRule } from "../src/index.js";
import { failure } from "./support.js";

async function rig(retries = 0) {
  const { host, device } = createMemoryLink();
  await Promise.all([host.open(), device.open()]);
  const bank = new RegisterBank({ holdingRegisters: { start: 0x9000, size: 0x100 } });
  bank.holdingRegisters.write(0x9022, [1100]);
  const end = new ModbusDeviceEnd(device, { units: 1, handler: bank });
  const client = new ModbusClient(host, { timeoutMs: 30, drain: { quietMs: 2, maxMs: 20 }, retry: { retries } });
  const replies: string[] = [];
  host.onData((chunk) => replies.push(toHex(chunk)));
  const read = (): Promise<number[]> => client.readHoldingRegisters(1, 0x9022, 1);
  return { device, end, client, replies, read };
}

describe("ModbusDeviceEnd: reply faults of a simulated device", () => {
  it("silence: the next reply is not sent; the request after it is answered", async () => {
    const { end, client, read } = await rig();
    end.inject("silence");
    expect(await failure(read())).toMatchObject({ code: "timeout" });
    expect(await read()).toEqual([1100]);
    expect(end.counters.requests).toBe(2);
    expect(end.link.hits.drop).toBe(1);
    expect(client.counters.timeouts).toBe(1);
  });

  it("bad-crc: the reply's last byte is inverted, a checksum error and never a value", async () => {
    const { end, client, replies, read } = await rig();
    end.inject("bad-crc");
    expect(await failure(read())).toMatchObject({ code: "checksum" });
    // 01 03 02 04 4C (LVP 11.00 V) + CRC, with the CRC's last byte inverted.
    const good = encodeRtuFrame(1, hex`03 02 04 4C`);
    expect(replies[0]).toBe(toHex(Uint8Array.of(...good.subarray(0, 6), good[6]! ^ 0xff)));
    expect(client.counters.checksumErrors).toBe(1);
    expect(await read()).toEqual([1100]);
  });

  it("noise: 00 FF arrive before the reply and are skipped", async () => {
    const { end, client, replies, read } = await rig();
    end.inject("noise", 2);
    expect(await read()).toEqual([1100]);
    expect(await read()).toEqual([1100]);
    expect(replies.filter((r) => r === "00 ff")).toHaveLength(2);
    expect(client.counters.bytesSkipped).toBe(4);
  });

  it("faults take turns: a lost and then a garbled reply cost two retries", async () => {
    const { end, client, read } = await rig(2);
    end.inject("silence");
    end.inject("bad-crc");
    expect(await read()).toEqual([1100]);
    expect(client.counters.retries).toBe(2);
    expect(end.link.hits).toMatchObject({ drop: 1, corrupt: 1 });
  });

  it("clearFaults removes pending faults; stop() stops answering and leaves the transport open", async () => {
    const { device, end, read } = await rig();
    end.inject("silence", Infinity);
    end.clearFaults();
    expect(await read()).toEqual([1100]);
    end.stop();
    expect(device.isOpen).toBe(true);
    expect(await failure(read())).toMatchObject({ code: "timeout" });
  });

  it("needs an open transport, and maps each fault to its FaultyTransport rule", () => {
    const { device } = createMemoryLink();
    expect(() => new ModbusDeviceEnd(device, { units: 1, handler: {} })).toThrow(expect.objectContaining({ code: "not-open" }));
    expect(replyFaultRule("silence")).toEqual({ direction: "tx", fault: { kind: "drop" }, times: 1 });
    expect(replyFaultRule("bad-crc", 2)).toEqual({ direction: "tx", fault: { kind: "corrupt", index: -1, mask: 0xff }, times: 2 });
    expect(replyFaultRule("noise", Infinity)).toEqual({ direction: "tx", fault: { kind: "prefix", bytes: Uint8Array.of(0, 0xff) }, times: Infinity });
  });
});
