import { concatBytes, crc16Modbus, createMemoryLink, fromHex, toHex, type Clock, type MemoryTransport, type TimerHandle } from "@batt/core";
import { EvCharger, type EvChargerOptions } from "../src/index.js";
import { EvChargerSimulator, type EvChargerSimulatorOptions } from "../src/simulator/index.js";

/** Driver options for tests: no pacing, short deadlines. */
export const FAST: EvChargerOptions = { timeoutMs: 100, minIntervalMs: 0, drain: { quietMs: 2, maxMs: 20 } };

/** A charger driver and a simulator over an in-memory link. */
export interface Rig {
  readonly charger: EvCharger;
  readonly sim: EvChargerSimulator;
  readonly host: MemoryTransport;
  readonly device: MemoryTransport;
  /** Hex of every chunk the device received. */
  readonly sent: string[];
  /** Hex of every chunk the host received. */
  readonly received: string[];
}

export async function rig(options: { charger?: EvChargerOptions; sim?: EvChargerSimulatorOptions } = {}): Promise<Rig> {
  const { host, device } = createMemoryLink({ info: { description: "test", baudRate: 9600 } });
  await Promise.all([host.open(), device.open()]);
  const sim = new EvChargerSimulator(options.sim).attach(device);
  const charger = new EvCharger(host, { ...FAST, ...options.charger });
  const sent: string[] = [];
  const received: string[] = [];
  device.onData((chunk) => sent.push(toHex(chunk)));
  host.onData((chunk) => received.push(toHex(chunk)));
  return { charger, sim, host, device, sent, received };
}

/**
 * A device end that answers each complete request it knows with a fixed reply (or the next of a
 * list), for byte-exact tests of what the driver sends. Unknown requests get no answer.
 */
export async function scripted(script: Readonly<Record<string, string | readonly string[]>>, options: EvChargerOptions = {}): Promise<{ charger: EvCharger; sent: string[] }> {
  const { host, device } = createMemoryLink({ info: { description: "script", baudRate: 9600 } });
  await Promise.all([host.open(), device.open()]);
  const sent: string[] = [];
  const table = new Map(Object.entries(script).map(([request, reply]) => [toHex(fromHex(request)), reply]));
  let buffer: Uint8Array = new Uint8Array(0);
  device.onData((chunk) => {
    buffer = concatBytes(buffer, chunk);
    const key = toHex(buffer);
    if (buffer.length >= 8 && !table.has(key) && isComplete(buffer)) {
      sent.push(key);
      buffer = new Uint8Array(0);
      return;
    }
    const entry = table.get(key);
    if (entry === undefined) return;
    const count = sent.filter((s) => s === key).length;
    const reply = typeof entry === "string" ? entry : entry[Math.min(count, entry.length - 1)]!;
    sent.push(key);
    buffer = new Uint8Array(0);
    void device.write(fromHex(reply));
  });
  return { charger: new EvCharger(host, { ...FAST, ...options }), sent };
}

function isComplete(bytes: Uint8Array): boolean {
  const crc = crc16Modbus(bytes, 0, bytes.length - 2);
  return bytes[bytes.length - 2] === (crc & 0xff) && bytes[bytes.length - 1] === crc >> 8;
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

/** The error a promise rejects with (fails the test when it resolves). */
export async function failure(promise: Promise<unknown>): Promise<{ code: string; message: string; context: Record<string, unknown>; stop?: unknown }> {
  try {
    await promise;
  } catch (error) {
    return error as { code: string; message: string; context: Record<string, unknown> };
  }
  throw new Error("expected a rejection");
}

/** Real timers, with a `now()` that can be moved forward: for rate limits measured in minutes. */
export class SkippableClock implements Clock {
  private offset = 0;
  now(): number {
    return performance.now() + this.offset;
  }
  setTimer(callback: () => void, ms: number): TimerHandle {
    return setTimeout(callback, ms);
  }
  clearTimer(handle: TimerHandle): void {
    clearTimeout(handle as ReturnType<typeof setTimeout>);
  }
  /** Moves `now()` forward without waiting. */
  skip(ms: number): void {
    this.offset += ms;
  }
}

/** Lets queued microtasks and I/O callbacks run. */
export const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
