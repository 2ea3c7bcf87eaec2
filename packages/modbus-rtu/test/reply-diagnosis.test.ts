import { createMemoryLink, crc16Modbus, fromHex, toHex, type MemoryTransport } from "@batt/core";
import { describe, expect, it } from "vitest";
import { ModbusClient } from "../src/index.js";
import { failure } from "./support.js";

/** An RTU frame from its hex without CRC. */
function rtu(text: string): string {
  const bytes = fromHex(text);
  const crc = crc16Modbus(bytes, 0, bytes.length);
  return toHex(Uint8Array.of(...bytes, crc & 0xff, crc >> 8));
}

/** Hex of 16-bit words, high byte first. */
const words = (values: readonly number[]): string => values.map((v) => toHex(Uint8Array.of(v >> 8, v & 0xff))).join(" ");

/** A device end that answers every complete 8-byte request with `reply` (or stays silent without one). */
async function scriptedModbusDevice(script: Readonly<Record<string, string>>): Promise<{ host: MemoryTransport }> {
  const { host, device } = createMemoryLink({ info: { baudRate: 9600 } });
  await Promise.all([host.open(), device.open()]);
  let received: number[] = [];
  device.onData((chunk) => {
    received.push(...chunk);
    if (received.length < 8) return;
    const reply = script[toHex(Uint8Array.from(received))];
    received = [];
    if (reply !== undefined) void device.write(fromHex(reply));
  });
  return { host };
}

// Issue 14 item 7: a wrong reply is reported for what it is, not as a timeout or a CRC mismatch.
const READ_2 = rtu("01 03 00 00 00 02");

async function clientFor(reply: string, options: { timeoutMs?: number; baudRate?: number } = {}) {
  const device = await scriptedModbusDevice({ [READ_2]: reply });
  const client = new ModbusClient(device.host, { timeoutMs: options.timeoutMs ?? 50, drain: { quietMs: 2, maxMs: 20 } });
  return { client, device };
}

describe("Modbus RTU replies that are well formed but wrong", () => {
  it("a valid reply from another unit: unexpected-reply naming both units, not a timeout", async () => {
    const { client } = await clientFor(rtu(`07 03 04 ${words([1, 2])}`));
    const error = await failure(client.readHoldingRegisters(1, 0, 2));
    expect(error).toMatchObject({ code: "unexpected-reply", context: { replyUnit: 7, expectedUnit: 1 } });
    expect(error.message).toMatch(/^reply from unit 7, expected unit 1/);
  });

  it("a reply longer than the request calls for: unexpected length, not a CRC mismatch", async () => {
    const { client } = await clientFor(rtu(`01 03 08 ${words([1, 2, 3, 4])}`));
    const error = await failure(client.readHoldingRegisters(1, 0, 2));
    expect(error).toMatchObject({ code: "unexpected-reply", context: { length: 13, expectedLength: 9 } });
    expect(error.message).toMatch(/unexpected length: a 13-byte reply from unit 1 function 0x03, expected 9 bytes/);
    expect(client.counters.checksumErrors).toBe(0);
  });

  it("a reply shorter than the request calls for: unexpected length, not a timeout", async () => {
    const { client } = await clientFor(rtu(`01 03 02 ${words([1])}`));
    const error = await failure(client.readHoldingRegisters(1, 0, 2));
    expect(error).toMatchObject({ code: "unexpected-reply", context: { length: 7, expectedLength: 9 } });
  });

  it("the right reply still passes, and a corrupted one is still a CRC error", async () => {
    expect(await (await clientFor(rtu(`01 03 04 ${words([1, 2])}`))).client.readHoldingRegisters(1, 0, 2)).toEqual([1, 2]);
    const good = rtu(`01 03 04 ${words([1, 2])}`);
    const bad = `${good.slice(0, -2)}${good.endsWith("00") ? "01" : "00"}`;
    const { client } = await clientFor(bad);
    expect(await failure(client.readHoldingRegisters(1, 0, 2))).toMatchObject({ code: "checksum" });
  });

  it("no reply: the time in the message is whole milliseconds (the deadline includes fractional wire time)", async () => {
    const device = await scriptedModbusDevice({});
    const client = new ModbusClient(device.host, { timeoutMs: 10, drain: { quietMs: 2, maxMs: 20 } });
    const error = await failure(client.readHoldingRegisters(1, 0, 2));
    expect(error).toMatchObject({ code: "timeout" });
    expect(error.message).toMatch(/^no reply within \d+ ms$/);
  });
});
