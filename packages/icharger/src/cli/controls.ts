import type { DeviceControl } from "@batt/core";
import type { ChannelIndex } from "../constants.js";
import type { ICharger } from "../icharger.js";

/**
 * What an application may change on an iCharger while it watches it: stop each channel's program
 * (`0x8002 ← [channel, 0x55AA, 0]`), confirmed when the status word's run bit clears. Starting a
 * program needs a preset and a person at the bench, so it is not offered here.
 */
export function ichargerControls(charger: ICharger): DeviceControl[] {
  return Array.from({ length: charger.model.channels }, (_, c): DeviceControl => ({
    kind: "button",
    key: `ch${c + 1}_stop`,
    name: `Channel ${c + 1} stop`,
    state: `ch${c + 1}_run_state`,
    press: async (signal) => void (await charger.stop(c as ChannelIndex, signal ? { signal } : {})),
  }));
}
