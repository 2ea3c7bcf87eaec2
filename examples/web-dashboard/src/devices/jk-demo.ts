import { createMemoryLink } from "@batt/core";
import { JkSimulator } from "@batt/jk/simulator";
import { DEMO_SPEEDUP, demoCurrent } from "./demo-scenario.js";
import type { DemoLink } from "./device.js";

/** Starts the JK demo: the simulator on the device end of an in-page link. */
export async function jkDemo(): Promise<DemoLink> {
  const { host, device } = createMemoryLink();
  await Promise.all([host.open(), device.open()]);
  const sim = new JkSimulator({ pack: { cells: 16, chemistry: "lifepo4", capacityAh: 280, soc: 64, cellSpread: 6 } }).attach(device);
  // The same scripted day as the other demos, on a fast clock.
  const tickMs = 250;
  let packSeconds = 0;
  const tick = (): void => {
    sim.setCurrent(demoCurrent(packSeconds) * 2);
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
