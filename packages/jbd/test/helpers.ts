import { createMemoryLink, type Transport } from "@batt/core";
import { FaultyTransport } from "@batt/core/testing";
import { JbdBms, type JbdBmsOptions } from "../src/index.js";
import { JbdSimulator, type JbdSimulatorOptions } from "../src/simulator/index.js";

/** Fast link timings for tests: short deadlines, no gap, no pause after saving. */
export const FAST: JbdBmsOptions = { timeoutMs: 100, minGapMs: 0, pauseAfterSaveMs: 0, drain: { quietMs: 5, maxMs: 50 } };

/** A driver talking to a simulator over an in-memory link, optionally through a FaultyTransport. */
export async function rig(sim: JbdSimulatorOptions = {}, driver: JbdBmsOptions = {}) {
  const { host, device } = createMemoryLink();
  const faulty = new FaultyTransport(host);
  await faulty.open();
  await device.open();
  const simulator = new JbdSimulator(sim).attach(device);
  const bms = new JbdBms(faulty, { ...FAST, ...driver });
  return { host, device, faulty, simulator, bms };
}

/** A driver on an arbitrary transport with fast timings. */
export function driverOn(transport: Transport, options: JbdBmsOptions = {}): JbdBms {
  return new JbdBms(transport, { ...FAST, ...options });
}
