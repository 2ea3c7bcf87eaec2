import { createMemoryLink, FrameDecoder, hex, toHex, type DecodeEvent } from "@batt/core";
import { describe, expect, it } from "vitest";
import { ModbusClient, ModbusServer, RegisterBank, rtuReplyParser, type ModbusFraming, type ModbusFrame } from "../src/index.js";
import { failure } from "./support.js";

const WILDCARD = 0xfe;

/** A server on unit 1 that also answers the wildcard 0xFE from its own address, as a Voltaic controller does (docs/protocols/voltaic.md#wildcard-address-0xfe). */
async function wildcardDevice(framing: ModbusFraming = "rtu") {
  const { host, device } = createMemoryLink();
  await Promise.all([host.open(), device.open()]);
  const bank = new RegisterBank({ inputRegisters: 0x10000, holdingRegisters: { start: 0x9000, size: 0x100 } });
  bank.inputRegisters.write(0x3030, new Array<number>(43).fill(0).map((_, i) => i));
  const server = new ModbusServer(device, { units: [1, WILDCARD], handler: bank, framing, replyUnit: (unit) => (unit === WILDCARD ? 1 : unit) });
  server.start();
  const client = new ModbusClient(host, { framing, timeoutMs: 50, drain: { quietMs: 2, maxMs: 20 } });
  const replies: string[] = [];
  host.onData((chunk) => replies.push(toHex(chunk)));
  return { client, server, replies };
}

describe("a reply from another address than the one asked", () => {
  it("the server answers FE 04 30 30 00 2B AB 15 from address 1 when told to", async () => {
    const { client, replies } = await wildcardDevice();
    const reply = await client.exchange(WILDCARD, { kind: "read-input-registers", address: 0x3030, count: 43 }, { replyUnit: "any" });
    expect(reply.unit).toBe(1);
    expect(reply.response.values.slice(0, 3)).toEqual([0, 1, 2]);
    expect(replies.join(" ").startsWith("01 04 56 00 00 00 01")).toBe(true);
    // Requests to its own address still come back from it.
    expect(await client.exchange(1, { kind: "read-input-registers", address: 0x3030, count: 1 })).toMatchObject({ unit: 1, response: { values: [0] } });
  });

  it("the client takes it with replyUnit set to that address or any, and ignores it otherwise", async () => {
    const { client } = await wildcardDevice();
    expect(await client.readInputRegisters(WILDCARD, 0x3031, 2, { replyUnit: 1 })).toEqual([1, 2]);
    expect(await failure(client.readInputRegisters(WILDCARD, 0x3031, 2))).toMatchObject({ code: "unexpected-reply", context: { replyUnit: 1, expectedUnit: WILDCARD } });
    expect(await failure(client.readInputRegisters(WILDCARD, 0x3031, 2, { replyUnit: 2 }))).toMatchObject({ code: "unexpected-reply", context: { replyUnit: 1, expectedUnit: 2 } });
    expect(client.counters.unsolicited).toBeGreaterThanOrEqual(2);
    expect(await client.readInputRegisters(WILDCARD, 0x3031, 2, { replyUnit: "any" })).toEqual([1, 2]);
    expect(await failure(client.readInputRegisters(WILDCARD, 0, 1, { replyUnit: 300 }))).toMatchObject({ code: "invalid-argument" });
  });

  it("an exception reply from the other address is a device-exception naming that address", async () => {
    const { client } = await wildcardDevice();
    const error = await failure(client.readHoldingRegisters(WILDCARD, 0x90f0, 0x20, { replyUnit: "any" }));
    expect(error).toMatchObject({ code: "device-exception", context: { deviceCode: 2, unit: 1 } });
  });

  it("works the same over Modbus TCP (the MBAP unit id)", async () => {
    const { client } = await wildcardDevice("tcp");
    expect(await client.exchange(WILDCARD, { kind: "read-input-registers", address: 0x3032, count: 1 }, { replyUnit: "any" })).toMatchObject({ unit: 1, response: { values: [2] } });
    expect(await failure(client.readInputRegisters(WILDCARD, 0x3032, 1))).toMatchObject({ code: "unexpected-reply", context: { replyUnit: 1 } });
  });

  it("rtuReplyParser with unit any takes the unit from the first byte and still skips garbage", () => {
    // docs/protocols/evcharger.md#phase-voltages-read: the phase-voltage reply of unit 0x46.
    const reply = hex`46 04 06 5D 3E 5D 7B 5D 81 C8 AD`;
    const decoder = new FrameDecoder<ModbusFrame>(rtuReplyParser({ unit: "any", functionCode: 0x04, pduLength: 8 }));
    const events: DecodeEvent<ModbusFrame>[] = decoder.push(Uint8Array.of(0x00, 0xff, ...reply));
    expect(events.map((e) => (e.type === "frame" ? `frame ${e.frame.unit}` : `skipped ${e.bytes.length}`))).toEqual(["skipped 2", "frame 70"]);
    expect(new FrameDecoder<ModbusFrame>(rtuReplyParser({ unit: "any", functionCode: 0x04, pduLength: 8 })).push(new Uint8Array(0))).toEqual([]);
  });
});
