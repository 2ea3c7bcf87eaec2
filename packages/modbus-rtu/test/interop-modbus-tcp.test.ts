// Modbus TCP interop over real loopback sockets against modbus-serial, an implementation we did
// not write: our client against its ServerTCP, its TCP client against our ModbusServer.
import { createRequire } from "node:module";
import { createServer, type AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TcpTransport, type TcpServerTransport } from "@batt/transport-node";
import { createTcpPair, type TcpPair } from "@batt/transport-node/testing";
import { ModbusClient, ModbusServer, RegisterBank } from "../src/index.js";

type ModbusSerial = typeof import("modbus-serial").default & typeof import("modbus-serial");
const require = createRequire(import.meta.url);
// modbus-serial is CommonJS without ESM exports; load it as its own users do.
const ModbusRTU = require("modbus-serial") as ModbusSerial;

const SIZE = 100;

/** A port that was free a moment ago (ServerTCP cannot report the port it got for 0). */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe("our TCP client against modbus-serial's ServerTCP", () => {
  let server: InstanceType<ModbusSerial["ServerTCP"]>;
  let transport: TcpTransport;
  let client: ModbusClient;
  const holding = Array.from({ length: SIZE }, (_, i) => (i * 257 + 3) & 0xffff);
  const input = Array.from({ length: SIZE }, (_, i) => (0xffff - i * 11) & 0xffff);
  const coils = Array.from({ length: SIZE }, (_, i) => i % 3 === 0);
  const check = (address: number): void => {
    if (address >= SIZE) throw Object.assign(new Error("illegal address"), { modbusErrorCode: 0x02 });
  };

  beforeAll(async () => {
    const port = await freePort();
    server = new ModbusRTU.ServerTCP(
      {
        getCoil: (address: number) => (check(address), coils[address]!),
        getDiscreteInput: (address: number) => (check(address), !coils[address]),
        getHoldingRegister: (address: number) => (check(address), holding[address]!),
        getInputRegister: (address: number) => (check(address), input[address]!),
        setCoil: (address: number, value: boolean) => void (check(address), (coils[address] = value)),
        setRegister: (address: number, value: number) => void (check(address), (holding[address] = value)),
      },
      { host: "127.0.0.1", port, unitID: 7 },
    );
    await new Promise<void>((resolve, reject) => {
      server.on("initialized", () => resolve());
      server.on("serverError", reject);
    });
    transport = new TcpTransport({ host: "127.0.0.1", port, framing: "modbus-tcp" });
    await transport.open();
    client = new ModbusClient(transport, { framing: "tcp", timeoutMs: 1000 });
  });

  afterAll(async () => {
    client?.dispose();
    await transport?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  it("reads coils, discrete inputs, holding and input registers", async () => {
    expect(await client.readCoils(7, 3, 19)).toEqual(coils.slice(3, 22));
    expect(await client.readDiscreteInputs(7, 0, 9)).toEqual(coils.slice(0, 9).map((c) => !c));
    expect(await client.readHoldingRegisters(7, 10, 10)).toEqual(holding.slice(10, 20));
    expect(await client.readInputRegisters(7, 90, 10)).toEqual(input.slice(90, 100));
  });

  it("writes with 0x05, 0x06, 0x0F and 0x10 and reads back", async () => {
    await client.writeSingleCoil(7, 4, true);
    await client.writeSingleRegister(7, 7, 0xbeef);
    await client.writeMultipleCoils(7, 20, [true, false, true, true, false, false, true, false, true]);
    await client.writeMultipleRegisters(7, 50, [1, 0x8000, 0xffff]);
    expect(await client.readCoils(7, 4, 1)).toEqual([true]);
    expect(await client.readCoils(7, 20, 9)).toEqual([true, false, true, true, false, false, true, false, true]);
    expect(await client.readHoldingRegisters(7, 7, 1)).toEqual([0xbeef]);
    expect(await client.readHoldingRegisters(7, 50, 3)).toEqual([1, 0x8000, 0xffff]);
  });

  it("gets exception 02 as a typed error, then carries on", async () => {
    await expect(client.readHoldingRegisters(7, SIZE, 1)).rejects.toMatchObject({ code: "device-exception", context: { deviceCode: 2 } });
    expect(await client.readHoldingRegisters(7, 0, 1)).toEqual([holding[0]]);
    expect(client.counters).toMatchObject({ timeouts: 0, checksumErrors: 0, bytesSkipped: 0 });
  });
});

describe("modbus-serial's TCP client against our ModbusServer", () => {
  let pair: TcpPair;
  let server: ModbusServer;
  let bank: RegisterBank;
  let peer: InstanceType<ModbusSerial>;

  beforeAll(async () => {
    pair = await createTcpPair({ framing: "modbus-tcp" });
    const device: TcpServerTransport = pair.b;
    bank = new RegisterBank({ coils: SIZE, discreteInputs: SIZE, holdingRegisters: SIZE, inputRegisters: SIZE });
    for (let i = 0; i < SIZE; i++) {
      bank.holdingRegisters.set(i, (i * 31 + 7) & 0xffff);
      bank.inputRegisters.set(i, (i * 1000) & 0xffff);
      bank.coils.set(i, i % 2 === 0);
      bank.discreteInputs.set(i, i % 4 === 3);
    }
    server = new ModbusServer(device, { units: 1, handler: bank, framing: "tcp" });
    server.start();
    peer = new ModbusRTU();
    await peer.connectTCP("127.0.0.1", { port: device.info.port });
    peer.setID(1);
    peer.setTimeout(1000);
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => (peer?.isOpen ? peer.close(() => resolve()) : resolve()));
    server?.stop();
    await pair?.dispose();
  });

  it("answers reads of every table", async () => {
    expect((await peer.readCoils(5, 13)).data.slice(0, 13)).toEqual(bank.coils.read(5, 13));
    expect((await peer.readDiscreteInputs(0, 8)).data.slice(0, 8)).toEqual(bank.discreteInputs.read(0, 8));
    expect((await peer.readHoldingRegisters(0, 10)).data).toEqual(bank.holdingRegisters.read(0, 10));
    expect((await peer.readInputRegisters(60, 40)).data).toEqual(bank.inputRegisters.read(60, 40));
  });

  it("stores writes and echoes them as modbus-serial expects", async () => {
    await peer.writeCoil(1, true);
    await peer.writeRegister(3, 0x1234);
    await peer.writeCoils(30, [true, true, false, true, false, false, false, true, true]);
    await peer.writeRegisters(40, [10, 20, 30, 0xffff]);
    expect(bank.coils.get(1)).toBe(true);
    expect(bank.holdingRegisters.get(3)).toBe(0x1234);
    expect(bank.coils.read(30, 9)).toEqual([true, true, false, true, false, false, false, true, true]);
    expect(bank.holdingRegisters.read(40, 4)).toEqual([10, 20, 30, 0xffff]);
  });

  it("answers an out-of-range read with exception 02", async () => {
    const error = (await peer.readHoldingRegisters(99, 2).catch((e: unknown) => e)) as { modbusCode?: number };
    expect(error.modbusCode).toBe(0x02);
    expect(server.counters.exceptions).toBe(1);
  });
});
