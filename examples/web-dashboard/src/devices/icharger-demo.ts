import { createMemoryLink } from "@batt/core";
import { ICHARGER_USB, ICharger } from "@batt/icharger";
import { IChargerSimulator } from "@batt/icharger/simulator";
import { DEMO_SPEEDUP } from "./demo-scenario.js";
import type { DemoLink } from "./device.js";

/** Starts the iCharger demo: the simulator on the device end of an in-page link. */
export async function ichargerDemo(): Promise<DemoLink> {
  const { host, device } = createMemoryLink({ kind: "packet", packetSize: ICHARGER_USB.reportSize });
  await Promise.all([host.open(), device.open()]);
  const sim = new IChargerSimulator({
    model: "308duo",
    packs: [
      { chemistry: "LiPo", cells: 4, soc: 0.25 },
      { chemistry: "LiPo", cells: 6, soc: 0.85, capacityMah: 5000 },
    ],
  }).attach(device);
  const tickMs = 250;
  const timer = setInterval(() => sim.step(tickMs * DEMO_SPEEDUP), tickMs);
  // Channel 1 charges, channel 2 goes to storage voltage: started through the driver, as a person would.
  const starter = await ICharger.open(host);
  try {
    await starter.start({ channel: 0, preset: 0, operation: "charge", chemistry: "LiPo" });
    await starter.start({ channel: 1, preset: 0, operation: "storage", chemistry: "LiPo" });
  } catch (error) {
    clearInterval(timer);
    await sim.stop();
    throw error;
  } finally {
    starter.dispose();
  }
  return {
    transport: host,
    async stop() {
      clearInterval(timer);
      await sim.stop();
      await device.close();
    },
  };
}
