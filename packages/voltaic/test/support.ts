import { concatBytes, crc16Modbus, createMemoryLink, fromHex, toHex, type MemoryTransport } from "@batt/core";
import { VoltaicController, type VoltaicControllerOptions } from "../src/index.js";
import { VoltaicSimulator, type VoltaicSimulatorOptions } from "../src/simulator/index.js";

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

/**
 * A device end that answers each complete request it knows with a fixed reply, for byte-exact
 * tests of what the driver sends and how it decodes given replies.
 */
export async function scripted(
  script: Readonly<Record<string, string | readonly string[]>>,
  options: VoltaicControllerOptions = {},
): Promise<{ controller: VoltaicController; sent: string[] }> {
  const { host, device } = createMemoryLink({ info: { description: "script", baudRate: 9600 } });
  await Promise.all([host.open(), device.open()]);
  const sent: string[] = [];
  const table = new Map(Object.entries(script).map(([request, reply]) => [toHex(fromHex(request)), reply]));
  let buffer: Uint8Array = new Uint8Array(0);
  device.onData((chunk) => {
    buffer = concatBytes(buffer, chunk);
    const key = toHex(buffer);
    const entry = table.get(key);
    if (entry === undefined) return;
    const count = sent.filter((s) => s === key).length;
    const reply = typeof entry === "string" ? entry : entry[Math.min(count, entry.length - 1)]!;
    sent.push(key);
    buffer = new Uint8Array(0);
    void device.write(fromHex(reply));
  });
  const controller = new VoltaicController(host, { timeoutMs: 100, minGapMs: 0, drain: { quietMs: 2, maxMs: 20 }, ...options });
  return { controller, sent };
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

/** An RTU frame from its hex without CRC: the CRC-16/MODBUS is appended, low byte first. */
export function rtu(text: string): string {
  const bytes = fromHex(text);
  const crc = crc16Modbus(bytes, 0, bytes.length);
  return toHex(Uint8Array.of(...bytes, crc & 0xff, crc >> 8));
}

/** Hex of 16-bit words, high byte first. */
export function words(values: readonly number[]): string {
  return values.map((v) => toHex(Uint8Array.of((v >> 8) & 0xff, v & 0xff))).join(" ");
}

/** Lets queued microtasks and I/O callbacks run. */
export const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
