import { describe, expect, it } from "vitest";
import { encodeRequest, ModbusLimits, type ModbusClient } from "../src/index.js";
import { failure, setupLink } from "./support.js";

type Call = [string, (c: ModbusClient) => Promise<unknown>];

const ones = (n: number): number[] => new Array<number>(n).fill(1);
const trues = (n: number): boolean[] => new Array<boolean>(n).fill(true);

const refused: Call[] = [
  ["0 registers", (c) => c.readHoldingRegisters(1, 0, 0)],
  ["126 holding registers", (c) => c.readHoldingRegisters(1, 0, 126)],
  ["126 input registers", (c) => c.readInputRegisters(1, 0, 126)],
  ["2001 coils", (c) => c.readCoils(1, 0, 2001)],
  ["2001 discrete inputs", (c) => c.readDiscreteInputs(1, 0, 2001)],
  ["0 coils", (c) => c.readCoils(1, 0, 0)],
  ["124 registers written", (c) => c.writeMultipleRegisters(1, 0, ones(124))],
  ["no registers written", (c) => c.writeMultipleRegisters(1, 0, [])],
  ["1969 coils written", (c) => c.writeMultipleCoils(1, 0, trues(1969))],
  ["0x17 reading 126", (c) => c.readWriteMultipleRegisters(1, 0, 126, 0, [1])],
  ["0x17 writing 122", (c) => c.readWriteMultipleRegisters(1, 0, 1, 0, ones(122))],
  ["0x17 writing none", (c) => c.readWriteMultipleRegisters(1, 0, 1, 0, [])],
  ["address 65536", (c) => c.readHoldingRegisters(1, 65536, 1)],
  ["address -1", (c) => c.writeSingleRegister(1, -1, 0)],
  ["address 1.5", (c) => c.readCoils(1, 1.5, 1)],
  ["address + count past 65535", (c) => c.readHoldingRegisters(1, 65535, 2)],
  ["coils past 65535", (c) => c.writeMultipleCoils(1, 65530, trues(7))],
  ["0x17 write past 65535", (c) => c.readWriteMultipleRegisters(1, 0, 1, 65535, [1, 2])],
  ["register value 65536", (c) => c.writeSingleRegister(1, 0, 65536)],
  ["register value -1", (c) => c.writeMultipleRegisters(1, 0, [1, -1])],
  ["register value 1.5", (c) => c.writeSingleRegister(1, 0, 1.5)],
  ["0x17 value 70000", (c) => c.readWriteMultipleRegisters(1, 0, 1, 0, [70000])],
  ["unit 256", (c) => c.readHoldingRegisters(256, 0, 1)],
  ["unit -1", (c) => c.writeSingleCoil(-1, 0, true)],
  ["broadcast past 65535", (c) => c.writeMultipleRegisters(0, 65535, [1, 2])],
];

describe("protocol limits are enforced before sending", () => {
  it.each(refused)("refuses %s with invalid-argument and sends nothing", async (_name, call) => {
    const { client, sent } = await setupLink();
    expect((await failure(call(client))).code).toBe("invalid-argument");
    expect(sent).toEqual([]);
    expect(client.counters.requests).toBe(0);
  });

  const accepted: Call[] = [
    ["125 registers", (c) => c.readHoldingRegisters(1, 0, 125)],
    ["125 input registers at the top", (c) => c.readInputRegisters(1, 65536 - 125, 125)],
    ["2000 coils", (c) => c.readCoils(1, 0, 2000)],
    ["2000 discrete inputs", (c) => c.readDiscreteInputs(1, 0, 2000)],
    ["123 registers written", (c) => c.writeMultipleRegisters(1, 0, ones(123))],
    ["1968 coils written", (c) => c.writeMultipleCoils(1, 0, trues(1968))],
    ["0x17 reading 125 and writing 121", (c) => c.readWriteMultipleRegisters(1, 0, 125, 200, ones(121))],
    ["address 65535", (c) => c.writeSingleRegister(1, 65535, 65535)],
  ];

  it.each(accepted)("accepts %s", async (_name, call) => {
    const { client, server } = await setupLink();
    await call(client);
    expect(client.counters).toMatchObject({ requests: 1, replies: 1 });
    expect(server.counters.responses).toBe(1);
  });

  it("publishes the limits it enforces", () => {
    expect(ModbusLimits).toMatchObject({ readBits: 2000, readRegisters: 125, writeCoils: 1968, writeRegisters: 123, readWriteRead: 125, readWriteWrite: 121 });
    expect(() => encodeRequest({ kind: "write-single-coil", address: 0, value: 1 as unknown as boolean })).toThrow(
      expect.objectContaining({ code: "invalid-argument" }),
    );
  });
});
