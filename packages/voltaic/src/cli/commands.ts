import { BattError, type PluginCommand, type PluginCommandContext } from "@batt/core";
import { VoltaicSession } from "./session.js";

function controllerOf(context: PluginCommandContext): VoltaicSession["controller"] {
  if (!(context.session instanceof VoltaicSession)) throw new BattError("invalid-argument", "not a Voltaic session");
  return context.session.controller;
}

function arg(context: PluginCommandContext, index: number, what: string): string {
  const value = context.args[index];
  if (value === undefined) throw new BattError("invalid-argument", `missing ${what}`);
  return value;
}

const load: PluginCommand = {
  name: "load",
  summary: "Switch the load output on or off (coil 0) and read the state back",
  usage: "on|off",
  changesDevice: true,
  run: async (context) => {
    const state = arg(context, 0, "on or off");
    if (state !== "on" && state !== "off") throw new BattError("invalid-argument", `expected on or off, got "${state}"`);
    return controllerOf(context).setLoad(state === "on", { signal: context.signal });
  },
};

const lvpGet: PluginCommand = {
  name: "lvp get",
  summary: "Read the low-voltage protection threshold (holding 0x9022)",
  changesDevice: false,
  run: async (context) => ({ lowVoltageProtection: await controllerOf(context).readLowVoltageProtection({ signal: context.signal }), unit: "V" }),
};

const lvpSet: PluginCommand = {
  name: "lvp set",
  summary: "Set the low-voltage protection threshold (validated, skipped when unchanged, read back)",
  usage: "<volts>",
  changesDevice: true,
  run: async (context) => {
    const text = arg(context, 0, "volts");
    const volts = Number(text);
    if (text.trim() === "" || !Number.isFinite(volts)) throw new BattError("invalid-argument", `volts must be a number, got "${text}"`);
    return controllerOf(context).setLowVoltageProtection(volts, { signal: context.signal });
  },
};

const discover: PluginCommand = {
  name: "discover",
  summary: "Find the controller's address through the 0xFE wildcard (one controller on the bus)",
  changesDevice: false,
  run: async (context) => ({ unit: await controllerOf(context).discover({ signal: context.signal }) }),
};

/** The device-specific subcommands of `batt voltaic`. */
export const VOLTAIC_COMMANDS: readonly PluginCommand[] = [load, lvpGet, lvpSet, discover];
