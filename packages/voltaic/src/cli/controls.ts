import type { DeviceControl } from "@batt/core";
import type { VoltaicController } from "../voltaic-controller.js";

/** What an application may change on a Voltaic controller while it watches it: the load output (coil 0, read back from 0x3035). */
export function voltaicControls(controller: VoltaicController): DeviceControl[] {
  return [{ kind: "switch", key: "load", name: "Load output", state: "load_on", set: async (on, signal) => void (await controller.setLoad(on, signal ? { signal } : {})) }];
}
