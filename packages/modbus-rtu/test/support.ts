import { createMemoryLink, type MemoryTransport, type TransportInfo } from "@batt/core";
import { FaultyTransport } from "@batt/core/testing";
import { ModbusClient, ModbusServer, RegisterBank, type ModbusClientOptions, type ModbusFraming, type ModbusHandler, type ModbusServerOptions } from "../src/index.js";

/** What {@link setupLink} builds: a client on a faulty host end, a server on the device end. */
export interface Link {
  readonly client: ModbusClient;
  readonly server: ModbusServer;
  readonly bank: RegisterBank;
  readonly faulty: FaultyTransport;
  readonly device: MemoryTransport;
  /** Every chunk the device received (what the client put on the wire). */
  readonly sent: Uint8Array[];
  /** Every chunk the client received. */
  readonly received: Uint8Array[];
}

/** Options for {@link setupLink}. */
export interface LinkOptions {
  readonly framing?: ModbusFraming;
  readonly info?: TransportInfo;
  readonly handler?: ModbusHandler;
  readonly client?: ModbusClientOptions;
  readonly server?: Partial<ModbusServerOptions>;
}

/** A client and a RegisterBank-backed server on unit 1 over an in-memory link, with short deadlines. */
export async function setupLink(options: LinkOptions = {}): Promise<Link> {
  const { host, device } = createMemoryLink(options.info ? { info: options.info } : {});
  const faulty = new FaultyTransport(host);
  await faulty.open();
  await device.open();
  const bank = new RegisterBank({ coils: 0x10000, discreteInputs: 0x10000, holdingRegisters: 0x10000, inputRegisters: 0x10000 });
  const framing = options.framing ?? "rtu";
  const server = new ModbusServer(device, { units: 1, handler: options.handler ?? bank, framing, ...options.server });
  server.start();
  const client = new ModbusClient(faulty, {
    framing,
    timeoutMs: 100,
    turnaroundMs: 5,
    drain: { quietMs: 5, maxMs: 50 },
    ...options.client,
  });
  const sent: Uint8Array[] = [];
  const received: Uint8Array[] = [];
  device.onData((chunk) => sent.push(chunk));
  faulty.onData((chunk) => received.push(chunk));
  return { client, server, bank, faulty, device, sent, received };
}

/** The error a promise rejects with (fails the test if it resolves). */
export async function failure(promise: Promise<unknown>): Promise<{ code: string; message: string; context: Record<string, unknown> }> {
  try {
    await promise;
  } catch (error) {
    return error as { code: string; message: string; context: Record<string, unknown> };
  }
  throw new Error("expected a rejection");
}
