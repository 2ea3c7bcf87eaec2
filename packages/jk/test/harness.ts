import { createMemoryLink } from "@batt/core";
import { FaultyTransport } from "@batt/core/testing";
import { JkBms, type JkBmsOptions } from "../src/index.js";
import { JkSimulator, type JkSimulatorOptions } from "../src/simulator/index.js";

/** Fast link settings for tests: short deadlines and gaps, real timers. */
export const FAST: JkBmsOptions = { timeoutMs: 150, minGapMs: 2, passwordDelayMs: 2, drain: { quietMs: 5, maxMs: 50 } };

/** A JkBms talking to a JkSimulator over an in-memory link (through a FaultyTransport on the host side). */
export async function connect4e57(sim: JkSimulatorOptions = {}, bms: JkBmsOptions = FAST) {
  const { host, device } = createMemoryLink({ info: { baudRate: 115200 } });
  const faulty = new FaultyTransport(host);
  await Promise.all([faulty.open(), device.open()]);
  const simulator = new JkSimulator(sim).attach(device);
  const driver = new JkBms(faulty, bms);
  return { simulator, driver, faulty, host, device };
}
