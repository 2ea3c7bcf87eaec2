import { BattError, type DeviceControl } from "@batt/core";
import type { CommandResult } from "../charger-reading.js";
import type { EvCharger } from "../ev-charger.js";

/** Fails unless the charger's state, read after the command, shows that it followed. */
function confirmed(result: CommandResult): void {
  if (!result.confirmed) throw new BattError("verify-failed", `the charger is ${String(result.state)} after ${result.command}`, { context: { state: result.state } });
}

/**
 * What an application may change on an EV charger while it watches it: start and stop charging
 * (holding 0x0627, confirmed by the state) and the charging current (holding 0x0628, 6–32 A and at
 * most the charger's rating, read back).
 */
export function evChargerControls(charger: EvCharger): DeviceControl[] {
  const call = (signal?: AbortSignal) => (signal ? { signal } : {});
  return [
    { kind: "button", key: "start_charging", name: "Start charging", state: "state", press: async (signal) => confirmed(await charger.startCharging(call(signal))) },
    { kind: "button", key: "stop_charging", name: "Stop charging", state: "state", press: async (signal) => confirmed(await charger.stopCharging(call(signal))) },
    {
      kind: "number",
      key: "charge_current",
      name: "Charging current",
      unit: "A",
      min: 6,
      max: 32,
      step: 1,
      state: "charge_current",
      set: async (amps, signal) => void (await charger.setChargeCurrent(amps, call(signal))),
    },
  ];
}
