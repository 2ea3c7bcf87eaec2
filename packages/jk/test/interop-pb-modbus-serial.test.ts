// The JK-PB simulator against modbus-serial, a Modbus master we did not write, speaking RTU frames
// (CRC included) over a TCP socket: the simulator's replies must be standard Modbus RTU.
import { createServer, type Server, type Socket } from "node:net";
import { createRequire } from "node:module";
import type * as ModbusSerial from "modbus-serial";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BaseTransport } from "@batt/core";
import { readWords } from "@batt/modbus-rtu";
import { JK_PB_LIVE_MAP } from "../src/index.js";
import { JkPbSimulator } from "../src/simulator/index.js";

const require = createRequire(import.meta.url);
const ModbusRTU = require("modbus-serial") as typeof ModbusSerial.default;

/** A Transport over an accepted socket (test-only Node code). */
class SocketTransport extends BaseTransport {
  constructor(private readonly socket: Socket) {
    super("stream", { description: "tcp (test)" });
    socket.on("data", (chunk: Buffer) => this.receive(new Uint8Array(chunk)));
  }
  protected async doOpen(): Promise<void> {}
  protected async doClose(): Promise<void> {
    this.socket.destroy();
  }
  protected async doWrite(data: Uint8Array): Promise<void> {
    await new Promise<void>((resolve, reject) => this.socket.write(data, (error) => (error ? reject(error) : resolve())));
  }
}

describe("JK-PB simulator against modbus-serial (RTU frames over a telnet-style TCP link)", () => {
  let server: Server;
  let client: ModbusSerial.default;
  const simulator = new JkPbSimulator({ packs: [{ address: 1, pack: { cells: 16, soc: 60 } }, { address: 2, pack: { cells: 8 } }] });

  beforeAll(async () => {
    let attached!: () => void;
    const ready = new Promise<void>((resolve) => (attached = resolve));
    server = createServer((socket) => {
      const transport = new SocketTransport(socket);
      void transport.open().then(() => (simulator.attach(transport), attached()));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    client = new ModbusRTU();
    await client.connectTelnet("127.0.0.1", { port: typeof address === "object" && address ? address.port : 0 });
    client.setTimeout(1000);
    await ready; // the first request must not arrive before the simulator listens
  });

  afterAll(async () => {
    await simulator.stop();
    await new Promise<void>((resolve) => client.close(() => resolve()));
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("answers FC 0x03 at byte-offset addresses (0x1200 cells, 0x1290 pack voltage)", async () => {
    client.setID(1);
    const cells = await client.readHoldingRegisters(0x1200, 16);
    expect(cells.data.map((mv) => mv / 1000)).toEqual(simulator.pack(1).pack.cellVoltages());
    const pack = await client.readHoldingRegisters(0x1290, 6);
    const values = JK_PB_LIVE_MAP.decodePartial(JK_PB_LIVE_MAP.fields.packVoltage.address, pack.data);
    expect(values.packVoltage).toBeCloseTo(simulator.pack(1).pack.totalVoltage(), 3);
    expect(values.current).toBe(0);
  });

  it("applies an FC 0x10 write from another master and answers each address with its own pack", async () => {
    client.setID(2);
    await client.writeRegisters(0x1070, [0, 0]);
    expect(simulator.pack(2).limits().chargeEnabled).toBe(false);
    expect(simulator.pack(1).limits().chargeEnabled).toBe(true);
    const mask = await client.readHoldingRegisters(0x1240, 2);
    expect(readWords(new Uint8Array(mask.buffer), 0, 2)).toEqual([0, 0xff]);
  });

  it("answers exception 02 outside the blocks", async () => {
    client.setID(1);
    await expect(client.readHoldingRegisters(0x2000, 1)).rejects.toMatchObject({ modbusCode: 2 });
  });
});
