import { createMemoryLink, toHex, type MemoryTransport } from "@batt/core";
import { VoltaicController, type VoltaicControllerOptions } from "../src/index.js";
import { VoltaicSimulator, type VoltaicSimulatorOptions } from "../src/simulator/index.js";
import { scriptedModbusDevice } from "@batt/test-support/modbus-script";

/** A controller and a simulator over an in-memory link, with short deadlines for tests. */
export interface Rig {
  readonly controller: VoltaicController;
  readonly sim: VoltaicSimulator;
  readonly host: MemoryTransport;
  readonly device: MemoryTransport;
  /** Hex of every chunk the device received (the requests on the wire). */
  readonly sent: string[];
  /** Hex of every chunk the host received (the replies on the wire). */
  readonly received: string[];
}

export async function rig(options: { controller?: VoltaicControllerOptions; sim?: VoltaicSimulatorOptions } = {}): Promise<Rig> {
  const { host, device } = createMemoryLink({ info: { description: "test", baudRate: 9600 } });
  await Promise.all([host.open(), device.open()]);
  const sim = new VoltaicSimulator(options.sim).attach(device);
  const controller = new VoltaicController(host, { timeoutMs: 100, minGapMs: 0, drain: { quietMs: 2, maxMs: 20 }, ...options.controller });
  const sent: string[] = [];
  const received: string[] = [];
  device.onData((chunk) => sent.push(toHex(chunk)));
  host.onData((chunk) => received.push(toHex(chunk)));
  return { controller, sim, host, device, sent, received };
}

/** A controller talking to a {@link scriptedModbusDevice}: byte-exact tests of what it sends and how it decodes given replies. */
export async function scripted(
  script: Readonly<Record<string, string | readonly string[]>>,
  options: VoltaicControllerOptions = {},
): Promise<{ controller: VoltaicController; sent: string[] }> {
  const { host, sent } = await scriptedModbusDevice(script);
  return { controller: new VoltaicController(host, { timeoutMs: 100, minGapMs: 0, drain: { quietMs: 2, maxMs: 20 }, ...options }), sent };
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function failure(promise: Promise<unknown>): Promise<{ code: string; message: string; context: Record<string, unknown> }> {
  try {
    await promise;
  } catch (error) {
    return error as { code: string; message: string; context: Record<string, unknown> };
  }
  throw new Error("expected a rejection");
}


/** Lets queued microtasks and I/O callbacks run. */
export const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export { rtu, words } from "@batt/test-support/modbus-script";
