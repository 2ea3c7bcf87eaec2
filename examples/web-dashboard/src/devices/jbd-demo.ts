import { createMemoryLink } from "@batt/core";
import { JbdSimulator } from "@batt/jbd/simulator";
import { DEMO_SPEEDUP, demoCurrent, demoPhase } from "./demo-scenario.js";
import type { DemoLink } from "./device.js";

/** Bit 9 of the extended alarm word (`dischargeHighCurrent`), raised by the demo during its surge. */
const DISCHARGE_HIGH_CURRENT_ALARM = 1 << 9;

/** Starts the JBD demo: the simulator on the device end of an in-page link. */
export async function jbdDemo(): Promise<DemoLink> {
  const { host, device } = createMemoryLink();
  await Promise.all([host.open(), device.open()]);
  const sim = new JbdSimulator({
    model: "JBD-SP08S020 (simulated)",
    extendedInfo: true,
    pack: { cells: 8, chemistry: "lifepo4", capacityAh: 100, soc: 72, socSpread: 10, temperatures: [24, 26, 25] },
  }).attach(device);
  // A scripted day on a fast clock: each tick advances the pack DEMO_SPEEDUP times the real time.
  const tickMs = 250;
  let packSeconds = 0;
  const tick = (): void => {
    const amps = demoCurrent(packSeconds);
    sim.device.setCurrent(amps);
    sim.device.alarms = demoPhase(packSeconds).label === "surge" ? DISCHARGE_HIGH_CURRENT_ALARM : 0;
    const warmth = Math.abs(amps) * 0.12;
    sim.device.pack.temperatures = [24 + warmth, 26 + warmth * 1.3, 25 + warmth * 0.4];
    sim.step(tickMs * DEMO_SPEEDUP);
    packSeconds += (tickMs * DEMO_SPEEDUP) / 1000;
  };
  tick();
  const timer = setInterval(tick, tickMs);
  return {
    transport: host,
    async stop() {
      clearInterval(timer);
      await sim.stop();
      await device.close();
    },
  };
}
