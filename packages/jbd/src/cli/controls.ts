import { BattError, type DeviceControl } from "@batt/core";
import { FUNCTION_FLAGS } from "../flags.js";
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

/** Bit of the balancer enable in the function configuration (register 0x2D). */
const BALANCE_ENABLE_BIT = 1 << FUNCTION_FLAGS.indexOf("balanceEnable");

/**
 * Enables or disables the balancer: the `balanceEnable` bit of `func_config` (0x2D), an EEPROM
 * setting, so it goes through the settings writer (factory mode left in every case, unchanged
 * values not written, read back, saved).
 */
async function setBalancer(bms: JbdBms, on: boolean, signal?: AbortSignal): Promise<void> {
  const current = await bms.readSetting("func_config", signal);
  if (typeof current !== "number") throw new BattError("frame", `func_config reads as ${JSON.stringify(current)}, not a bit set`);
  const wanted = on ? current | BALANCE_ENABLE_BIT : current & ~BALANCE_ENABLE_BIT;
  await bms.writeSettings({ func_config: wanted }, signal ? { signal } : {});
}

/**
 * What an application may change on a JBD BMS while it watches it: the charge and discharge MOSFETs
 * (register 0xE1, read back) and the balancer (the EEPROM bit, with no live reading to show it).
 */
export function jbdControls(bms: JbdBms): DeviceControl[] {
  return [
    { kind: "switch", key: "charge_switch", name: "Charge MOSFET", state: "charge_allowed", set: (on, signal) => switchMosfet(bms, "charge", on, signal) },
    { kind: "switch", key: "discharge_switch", name: "Discharge MOSFET", state: "discharge_allowed", set: (on, signal) => switchMosfet(bms, "discharge", on, signal) },
    { kind: "switch", key: "balancer", name: "Balancer", set: (on, signal) => setBalancer(bms, on, signal) },
  ];
}
