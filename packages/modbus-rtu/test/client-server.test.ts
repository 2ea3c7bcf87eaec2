import { fromHex, toHex } from "@batt/core";
import { describe, expect, it } from "vitest";
import { ModbusException, ModbusExceptionError, RegisterBank, type ModbusHandler } from "../src/index.js";
import { failure, setupLink } from "./support.js";

describe.each(["rtu", "tcp"] as const)("ModbusClient against ModbusServer (%s)", (framing) => {
  it("reads and writes every table with every function", async () => {
    const { client, bank } = await setupLink({ framing });
    bank.inputRegisters.write(0x30a0, [1350, 0, 2150]);
    bank.discreteInputs.write(3, [true, false, true]);

    expect(await client.readInputRegisters(1, 0x30a0, 3)).toEqual([1350, 0, 2150]);
    expect(await client.readDiscreteInputs(1, 2, 5)).toEqual([false, true, false, true, false]);

    await client.writeSingleCoil(1, 0, true);
    await client.writeMultipleCoils(1, 8, [true, true, false, true, false, false, false, false, true]);
    expect(await client.readCoils(1, 0, 17)).toEqual([
      true, false, false, false, false, false, false, false,
      true, true, false, true, false, false, false, false, true,
    ]);
    expect(bank.coils.get(16)).toBe(true);

    await client.writeSingleRegister(1, 0x9022, 1150);
    await client.writeMultipleRegisters(1, 0x0627, [4, 0x0c80]);
    expect(await client.readHoldingRegisters(1, 0x0627, 2)).toEqual([4, 3200]);
    expect(bank.holdingRegisters.get(0x9022)).toBe(1150);

    // 0x17 writes first, then reads (the read sees the write).
    expect(await client.readWriteMultipleRegisters(1, 0x0626, 3, 0x0628, [600])).toEqual([0, 4, 600]);
    expect(client.counters).toMatchObject({ requests: 9, replies: 9, timeouts: 0, checksumErrors: 0, bytesSkipped: 0 });
  });

  it("turns exception replies into typed device-exception errors", async () => {
    const bank = new RegisterBank({ holdingRegisters: { start: 0x9000, size: 0x100 } });
    const { client, server } = await setupLink({ framing, handler: bank, client: { retry: { retries: 2 } } });
    const error = await failure(client.readHoldingRegisters(1, 0x90f0, 0x11));
    expect(error.code).toBe("device-exception");
    expect(error.context.deviceCode).toBe(ModbusException.IllegalDataAddress);
    expect(error.message).toContain("Illegal Data Address");
    expect(server.counters).toMatchObject({ requests: 1, exceptions: 1, responses: 0 });
    expect(client.counters).toMatchObject({ deviceErrors: 1, requests: 1, retries: 0 });
    // A device exception is final: no retry even with a policy, and the next call works.
    expect(await client.readHoldingRegisters(1, 0x90f0, 0x10)).toHaveLength(16);
  });
});

describe("ModbusClient on RTU", () => {
  it("puts exactly the documented frames on the wire", async () => {
    const { client, sent } = await setupLink();
    await client.writeSingleRegister(1, 0x9022, 1150);
    await client.writeMultipleRegisters(1, 0x9022, [1150]);
    await client.writeSingleCoil(1, 0, true);
    await client.readInputRegisters(1, 0x30a0, 1);
    expect(sent.map((c) => toHex(c))).toEqual([
      "01 06 90 22 04 7e 86 20",
      "01 10 90 22 00 01 02 04 7e b2 3b",
      "01 05 00 00 ff 00 8c 3a",
      "01 04 30 a0 00 01 3e e8",
    ]);
  });

  it("broadcasts writes to unit 0 without waiting for a reply, then keeps the turnaround", async () => {
    const handler: ModbusHandler & { seen: string[] } = {
      seen: [],
      writeRegisters(address, values, context) {
        this.seen.push(`${context.unit}${context.broadcast ? " broadcast" : ""} ${address}=${values.join(",")}`);
      },
      readHoldingRegisters: (_address, count) => new Array<number>(count).fill(7),
    };
    const { client, device, received, server } = await setupLink({ handler, client: { turnaroundMs: 30 } });
    const arrivals: number[] = [];
    device.onData(() => arrivals.push(performance.now()));
    await client.writeSingleRegister(0, 0x0628, 1200);
    const read = await client.readHoldingRegisters(1, 0x0628, 1);
    expect(read).toEqual([7]);
    expect(handler.seen).toEqual(["0 broadcast 1576=1200"]);
    expect(server.counters).toMatchObject({ broadcasts: 1, responses: 1 });
    // Only the read was answered.
    expect(received.map((c) => toHex(c))).toHaveLength(1);
    expect(client.counters).toMatchObject({ requests: 2, replies: 1, timeouts: 0 });
    expect(arrivals[1]! - arrivals[0]!).toBeGreaterThanOrEqual(29);
  });

  it("refuses to read from unit 0 and to broadcast on TCP", async () => {
    const { client, sent } = await setupLink();
    expect((await failure(client.readHoldingRegisters(0, 0, 1))).code).toBe("invalid-argument");
    const tcp = (await setupLink({ framing: "tcp" })).client;
    expect((await failure(tcp.broadcast({ kind: "write-single-coil", address: 0, value: true }))).code).toBe("invalid-argument");
    expect((await failure(client.broadcast({ kind: "read-coils", address: 0, count: 1 }))).code).toBe("invalid-argument");
    expect(sent).toEqual([]);
  });

  it("does not answer for units it does not serve", async () => {
    const { client, server } = await setupLink();
    expect((await failure(client.readHoldingRegisters(2, 0, 1))).code).toBe("timeout");
    expect(server.counters.ignored).toBe(1);
    expect(await client.readHoldingRegisters(1, 0, 1)).toEqual([0]);
  });

  it("uses t3.5 as the least gap and adds wire time to the deadline", async () => {
    const slow = await setupLink({ info: { baudRate: 9600 } });
    expect(slow.client.timing?.t35Ms).toBeCloseTo(3.5 * 10000 / 9600, 6);
    expect(slow.client.engine.minGapMs).toBeCloseTo(3.5 * 10000 / 9600, 6);
    const larger = await setupLink({ info: { baudRate: 9600 }, client: { minGapMs: 50 } });
    expect(larger.client.engine.minGapMs).toBe(50);
    const silent = await setupLink({ info: { baudRate: 9600 }, client: { silenceMs: 0 } });
    expect(silent.client.engine.minGapMs).toBe(0);
    const paced = await setupLink({ info: { baudRate: 9600 }, client: { silenceMs: 0, minGapMs: 20 } });
    expect(paced.client.engine.minGapMs).toBe(20);
    const tcp = await setupLink({ framing: "tcp", info: { baudRate: 9600 } });
    expect(tcp.client.timing).toBeUndefined();

    // At 1200 baud the 8-byte request and 7-byte reply take 125 ms on the wire, on top of 10 ms.
    const { client, faulty } = await setupLink({ info: { baudRate: 1200 }, client: { timeoutMs: 10 } });
    faulty.inject({ fault: { kind: "drop" } });
    const started = performance.now();
    expect((await failure(client.readHoldingRegisters(1, 0, 1))).code).toBe("timeout");
    expect(performance.now() - started).toBeGreaterThanOrEqual(130);
  });

  it("honours a per-call deadline and AbortSignal", async () => {
    const { client, faulty } = await setupLink({ client: { timeoutMs: 5000 } });
    faulty.inject({ fault: { kind: "drop" } });
    expect((await failure(client.readHoldingRegisters(1, 0, 1, { timeoutMs: 20 }))).code).toBe("timeout");
    faulty.inject({ fault: { kind: "drop" } });
    const controller = new AbortController();
    const pending = client.readHoldingRegisters(1, 0, 1, { signal: controller.signal });
    setTimeout(() => controller.abort(), 10);
    expect((await failure(pending)).code).toBe("aborted");
    expect(await client.readHoldingRegisters(1, 0, 1)).toEqual([0]);
  });
});

describe("ModbusServer", () => {
  it("answers unimplemented functions with 01 and handler exceptions with their code", async () => {
    const errors: unknown[] = [];
    const handler: ModbusHandler = {
      readInputRegisters: () => {
        throw new Error("sensor bus down");
      },
      writeRegisters: (_address, values) => {
        if (values[0]! > 1300) throw new ModbusExceptionError(ModbusException.IllegalDataValue, "above 13.00 V");
      },
      readHoldingRegisters: () => [1, 2], // wrong count for any read but 2
    };
    const { client } = await setupLink({ handler, server: { onHandlerError: (e) => errors.push(e) } });
    const code = async (p: Promise<unknown>) => (await failure(p)).context.deviceCode;
    expect(await code(client.readCoils(1, 0, 1))).toBe(1);
    expect(await code(client.readInputRegisters(1, 0, 1))).toBe(4);
    expect(await code(client.writeSingleRegister(1, 0x9022, 1400))).toBe(3);
    await client.writeSingleRegister(1, 0x9022, 1150);
    expect(await code(client.readHoldingRegisters(1, 0, 3))).toBe(4);
    expect(await client.readHoldingRegisters(1, 0, 2)).toEqual([1, 2]);
    expect(errors).toHaveLength(2);
  });

  it("answers a request of unknown function with exception 01 (raw RTU)", async () => {
    const { device, received } = await setupLink();
    // The test is the master here: it writes straight into the server's end.
    device.deliver(fromHex("01 2B 0E 01 00 70 77"));
    await new Promise((r) => setTimeout(r, 5));
    expect(received.map((c) => toHex(c))).toEqual(["01 ab 01 9e f0"]);
  });

  it("delays replies by responseDelayMs", async () => {
    const { client } = await setupLink({ server: { responseDelayMs: 40 } });
    const started = performance.now();
    await client.readHoldingRegisters(1, 0, 1);
    expect(performance.now() - started).toBeGreaterThanOrEqual(39);
  });

  it("stops answering after stop() and resumes after start()", async () => {
    const { client, server } = await setupLink();
    server.stop();
    expect((await failure(client.readHoldingRegisters(1, 0, 1))).code).toBe("timeout");
    server.start();
    expect(await client.readHoldingRegisters(1, 0, 1)).toEqual([0]);
  });
});
