import { BattError, type PluginCommand, type PluginCommandContext } from "@batt/core";
import { VOLTAIC_DEFAULT_LVP_RANGE } from "../constants.js";
import { checkLvp } from "../lvp.js";
import { controllerOptions } from "./options.js";
import { VoltaicSession } from "./session.js";

function controllerOf(context: PluginCommandContext): VoltaicSession["controller"] {
  if (!(context.session instanceof VoltaicSession)) throw new BattError("invalid-argument", "not a Voltaic session");
  return context.session.controller;
}

function arg(args: readonly string[], index: number, what: string): string {
  const value = args[index];
  if (value === undefined) throw new BattError("invalid-argument", `missing ${what}`);
  return value;
}

const load: PluginCommand<boolean> = {
  name: "load",
  summary: "Switch the load output on or off (coil 0) and read the state back",
  usage: "on|off",
  changesDevice: true,
  prepare: (args) => {
    const state = arg(args, 0, "on or off");
    if (state !== "on" && state !== "off") throw new BattError("invalid-argument", `expected on or off, got "${state}"`);
    return state === "on";
  },
  run: async (context) => controllerOf(context).setLoad(context.input, { signal: context.signal }),
};

const lvpGet: PluginCommand = {
  name: "lvp get",
  summary: "Read the low-voltage protection threshold (holding 0x9022)",
  changesDevice: false,
  run: async (context) => ({ lowVoltageProtection: await controllerOf(context).readLowVoltageProtection({ signal: context.signal }), unit: "V" }),
};

const lvpSet: PluginCommand<number> = {
  name: "lvp set",
  summary: "Set the low-voltage protection threshold (validated, skipped when unchanged, read back)",
  usage: "<volts>",
  changesDevice: true,
  prepare: (args, options) => {
    const text = arg(args, 0, "volts");
    const volts = Number(text);
    if (text.trim() === "" || !Number.isFinite(volts)) throw new BattError("invalid-argument", `volts must be a number, got "${text}"`);
    checkLvp(volts, controllerOptions(options).lvpRange ?? VOLTAIC_DEFAULT_LVP_RANGE);
    return volts;
  },
  run: async (context) => controllerOf(context).setLowVoltageProtection(context.input, { signal: context.signal }),
};

const history: PluginCommand = {
  name: "history",
  summary: "Read today's and the total PV and load energy (32-bit totals) and today's battery voltage range",
  changesDevice: false,
  run: async (context) => controllerOf(context).readHistory({ signal: context.signal }),
};

const discover: PluginCommand = {
  name: "discover",
  summary: "Find the controller's address through the 0xFE wildcard (one controller on the bus)",
  changesDevice: false,
  run: async (context) => ({ address: await controllerOf(context).discover({ signal: context.signal }) }),
};

/** The device-specific subcommands of `batt voltaic`. */
export const VOLTAIC_COMMANDS: readonly PluginCommand[] = [load, lvpGet, lvpSet, history, discover];
