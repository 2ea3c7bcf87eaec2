import { createMemoryLink, toHex, type Clock, type MemoryTransport, type TimerHandle } from "@batt/core";
import { EvCharger, type EvChargerOptions } from "../src/index.js";
import { EvChargerSimulator, type EvChargerSimulatorOptions } from "../src/simulator/index.js";
import { scriptedModbusDevice } from "@batt/test-support/modbus-script";

/** Driver options for tests: no pacing, short deadlines. */
export const FAST: EvChargerOptions = { timeoutMs: 100, minGapMs: 0, drain: { quietMs: 2, maxMs: 20 } };

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

/** A charger driver talking to a {@link scriptedModbusDevice}: byte-exact tests of what it sends. */
export async function scripted(script: Readonly<Record<string, string | readonly string[]>>, options: EvChargerOptions = {}): Promise<{ charger: EvCharger; sent: string[] }> {
  const { host, sent } = await scriptedModbusDevice(script);
  return { charger: new EvCharger(host, { ...FAST, ...options }), sent };
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

export { rtu, words } from "@batt/test-support/modbus-script";
