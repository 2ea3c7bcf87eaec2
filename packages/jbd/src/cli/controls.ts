import { BattError, type DeviceControl } from "@batt/core";
import type { JbdBms } from "../jbd-bms.js";

/**
 * Switches one MOSFET and fails unless the BMS then shows it in the state asked for: the write may
 * not stick, and a protection keeps a MOSFET off whatever 0xE1 says.
 */
async function switchMosfet(bms: JbdBms, side: "charge" | "discharge", on: boolean, signal?: AbortSignal): Promise<void> {
  const result = await bms.setMosfet({ [side]: on }, signal);
  if (!result.confirmed || result.fet[side] !== on) {
    const held = result.otherProtections.length > 0 ? ` (held off by ${result.otherProtections.join(", ")})` : "";
    throw new BattError("verify-failed", `the ${side} MOSFET reads back ${result.fet[side] ? "on" : "off"}, not ${on ? "on" : "off"}${held}`, {
      context: { mask: result.mask, fet: result.fet, protections: result.otherProtections },
    });
  }
}

/** What an application may change on a JBD BMS while it watches it: the charge and discharge MOSFETs (register 0xE1, read back). */
export function jbdControls(bms: JbdBms): DeviceControl[] {
  return [
    { kind: "switch", key: "charge_switch", name: "Charge MOSFET", state: "charge_allowed", set: (on, signal) => switchMosfet(bms, "charge", on, signal) },
    { kind: "switch", key: "discharge_switch", name: "Discharge MOSFET", state: "discharge_allowed", set: (on, signal) => switchMosfet(bms, "discharge", on, signal) },
  ];
}
