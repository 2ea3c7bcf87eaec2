import { createMemoryLink, hex, toHex } from "@batt/core";
import { FaultyTransport } from "@batt/core/testing";
import { describe, expect, it } from "vitest";
import { encodeRtuFrame, ModbusClient } from "../src/index.js";
import { failure, setupLink } from "./support.js";

describe("fault injection between client and server (RTU)", () => {
  it("skips garbage before a reply and counts it", async () => {
    const { client, faulty, bank } = await setupLink();
    bank.inputRegisters.set(0x30a0, 1350);
    faulty.inject({ fault: { kind: "prefix", bytes: hex`00 FF 13 37 01` } });
    expect(await client.readInputRegisters(1, 0x30a0, 1)).toEqual([1350]);
    expect(client.counters.bytesSkipped).toBe(5);
  });

  it("reassembles a reply split into single bytes", async () => {
    const { client, faulty, bank } = await setupLink();
    bank.holdingRegisters.write(0x0600, [0x4333, 0x3131]);
    faulty.inject({ fault: { kind: "split", size: 1 } });
    expect(await client.readHoldingRegisters(1, 0x0600, 2)).toEqual([0x4333, 0x3131]);
    expect(client.counters.bytesSkipped).toBe(0);
  });

  it("rejects a corrupted CRC with checksum, then the next request succeeds", async () => {
    const { client, faulty } = await setupLink({ client: { timeoutMs: 1000 } });
    faulty.inject({ fault: { kind: "corrupt", index: -1, mask: 0x01 } });
    const started = performance.now();
    expect((await failure(client.readHoldingRegisters(1, 0, 4))).code).toBe("checksum");
    expect(performance.now() - started).toBeLessThan(500); // ended by the quiet line, not the deadline
    expect(client.counters.checksumErrors).toBe(1);
    expect(await client.readHoldingRegisters(1, 0, 4)).toEqual([0, 0, 0, 0]);
  });

  it("does not decode a reply whose data was corrupted (the CRC catches it)", async () => {
    const { client, faulty, bank } = await setupLink();
    bank.holdingRegisters.set(0, 1234);
    faulty.inject({ fault: { kind: "corrupt", index: 4, mask: 0x10 } });
    expect((await failure(client.readHoldingRegisters(1, 0, 1))).code).toBe("checksum");
  });

  it("skips a reply from another unit and takes its own", async () => {
    const { client, faulty, bank } = await setupLink();
    bank.holdingRegisters.set(0, 42);
    // Unit 2 answering first with a valid frame of the same function.
    faulty.inject({ fault: { kind: "prefix", bytes: encodeRtuFrame(2, hex`03 02 00 63`) } });
    expect(await client.readHoldingRegisters(1, 0, 1)).toEqual([42]);
    expect(client.counters).toMatchObject({ unsolicited: 1, replies: 1 });
  });

  it("when only another unit answers, says so (unexpected-reply naming both units) after the deadline, then recovers", async () => {
    const { host, device } = createMemoryLink();
    await host.open();
    await device.open();
    let answerAs = 2;
    device.onData((request) => void device.write(encodeRtuFrame(answerAs, Uint8Array.of(request[1]!, 2, 0, 7))));
    const client = new ModbusClient(host, { timeoutMs: 50, drain: { quietMs: 5, maxMs: 50 } });
    const error = await failure(client.readHoldingRegisters(1, 0, 1));
    expect(error).toMatchObject({ code: "unexpected-reply", context: { replyUnit: 2, expectedUnit: 1 } });
    expect(client.counters.unsolicited).toBe(1);
    answerAs = 1;
    expect(await client.readHoldingRegisters(1, 0, 1)).toEqual([7]);
  });

  it("times out on silence, and the next request succeeds", async () => {
    const { client, faulty } = await setupLink();
    faulty.inject({ fault: { kind: "drop" } });
    expect((await failure(client.readCoils(1, 0, 8))).code).toBe("timeout");
    expect(await client.readCoils(1, 0, 8)).toHaveLength(8);
    expect(client.counters).toMatchObject({ timeouts: 1, replies: 1 });
  });

  it("times out on a truncated reply and reports the partial bytes", async () => {
    const { client, faulty } = await setupLink();
    faulty.inject({ fault: { kind: "truncate", length: 4 } });
    const error = await failure(client.readHoldingRegisters(1, 0, 2));
    expect(error.code).toBe("timeout");
    expect(toHex(error.context.raw as Uint8Array)).toBe("01 03 04 00");
  });

  it("retries by policy after silence", async () => {
    const { client, faulty } = await setupLink({ client: { retry: { retries: 1 } } });
    faulty.inject({ fault: { kind: "drop" } });
    expect(await client.readHoldingRegisters(1, 0, 1)).toEqual([0]);
    expect(client.counters).toMatchObject({ retries: 1, timeouts: 1, requests: 2 });
  });

  it("does not take a late reply for the answer to the next request", async () => {
    const { client, faulty, bank } = await setupLink({ client: { timeoutMs: 30 } });
    bank.holdingRegisters.write(0, [1, 2]);
    faulty.inject({ fault: { kind: "delay", ms: 45 } });
    expect((await failure(client.readHoldingRegisters(1, 0, 1))).code).toBe("timeout");
    // Same unit, function and length: only the drain keeps the late [1] from answering this.
    expect(await client.readHoldingRegisters(1, 1, 1)).toEqual([2]);
  });

  it("reports a duplicated reply as unsolicited without disturbing the next request", async () => {
    const { client, faulty, bank } = await setupLink();
    bank.holdingRegisters.write(0, [5, 6]);
    faulty.inject({ fault: { kind: "duplicate" } });
    expect(await client.readHoldingRegisters(1, 0, 1)).toEqual([5]);
    expect(await client.readHoldingRegisters(1, 1, 1)).toEqual([6]);
  });

  it("reports a literal exception frame (01 83 02 C0 F1) as device-exception 02", async () => {
    const { host, device } = createMemoryLink();
    await host.open();
    await device.open();
    device.onData(() => void device.write(hex`01 83 02 C0 F1`));
    const client = new ModbusClient(host, { timeoutMs: 50 });
    const error = await failure(client.readHoldingRegisters(1, 0x9022, 1));
    expect(error).toMatchObject({ code: "device-exception", context: { deviceCode: 2, unit: 1, functionCode: 3 } });
    expect(error.message).toBe("Illegal Data Address (exception 02): unit 1 function 0x03");
    expect(toHex(error.context.request as Uint8Array)).toBe("01 03 90 22 00 01 09 00");
  });

  it("rejects a write echo that does not match with unexpected-reply", async () => {
    const { host, device } = createMemoryLink();
    const faulty = new FaultyTransport(host);
    await faulty.open();
    await device.open();
    // A device that echoes a different value than it was sent (CRC recomputed, so only the echo check can see it).
    device.onData((request) => void device.write(encodeRtuFrame(1, Uint8Array.of(0x06, request[2]!, request[3]!, 0x00, 0x01))));
    const client = new ModbusClient(faulty, { timeoutMs: 50 });
    const error = await failure(client.writeSingleRegister(1, 0x9022, 1150));
    expect(error.code).toBe("unexpected-reply");
    expect(error.message).toContain("does not match");
  });
});

describe("fault injection (TCP)", () => {
  it("ignores a reply with another transaction id", async () => {
    const { host, device } = createMemoryLink();
    await host.open();
    await device.open();
    device.onData((request) => {
      const stale = Uint8Array.of(request[0]!, request[1]! ^ 0x40, 0, 0, 0, 5, request[6]!, 3, 2, 0, 9);
      const right = Uint8Array.of(request[0]!, request[1]!, 0, 0, 0, 5, request[6]!, 3, 2, 0, 1);
      void device.write(Uint8Array.of(...stale, ...right));
    });
    const client = new ModbusClient(host, { framing: "tcp", timeoutMs: 50 });
    expect(await client.readHoldingRegisters(1, 0, 1)).toEqual([1]);
    expect(await client.readHoldingRegisters(1, 0, 1)).toEqual([1]);
    expect(client.counters).toMatchObject({ unsolicited: 2, replies: 2 });
  });

  it("skips garbage before an MBAP frame", async () => {
    const { client, faulty } = await setupLink({ framing: "tcp" });
    faulty.inject({ fault: { kind: "prefix", bytes: hex`FF FF 01` } });
    faulty.inject({ fault: { kind: "split", size: 1 } });
    expect(await client.readInputRegisters(1, 0, 2)).toEqual([0, 0]);
    expect(client.counters.bytesSkipped).toBe(3);
  });
});
