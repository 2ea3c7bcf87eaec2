import { BattError, numberOption, type PluginCommand, type PluginCommandContext } from "@batt/core";
import type { OperationName } from "../models/operations.js";
import { channelOption } from "./options.js";
import { IChargerSession } from "./session.js";

function sessionOf(context: PluginCommandContext): IChargerSession {
  if (!(context.session instanceof IChargerSession)) throw new BattError("invalid-argument", "not an iCharger session");
  return context.session;
}

const CHANNEL = { name: "channel", type: "string", description: "channel 1 or 2 (default 1)" } as const;
const PRESET = { name: "preset", type: "string", description: "preset slot number, as `presets` lists it" } as const;

function presetOption(context: PluginCommandContext): number {
  const slot = numberOption(context.options, "preset", { min: 0, max: 63, integer: true });
  if (slot === undefined) throw new BattError("invalid-argument", "--preset N is required (see `presets` for slot numbers)");
  return slot;
}

const presets: PluginCommand = {
  name: "presets",
  summary: "List the presets (slot, name, chemistry, currents), or show every field of one slot",
  usage: "[slot]",
  changesDevice: false,
  run: async (context) => {
    const { charger } = sessionOf(context);
    const slot = context.args[0];
    if (slot === undefined) return charger.listPresets(context.signal);
    const n = Number(slot);
    if (!Number.isInteger(n)) throw new BattError("invalid-argument", `slot must be a number, got "${slot}"`);
    const preset = await charger.readPreset(n, context.signal);
    return { slot: preset.slot, state: preset.state, name: preset.name, chemistry: preset.chemistry, values: preset.values };
  },
};

function startCommand(operation: OperationName, summary: string): PluginCommand {
  return {
    name: operation,
    summary,
    changesDevice: true,
    options: [PRESET, CHANNEL],
    run: async (context) => {
      const { charger } = sessionOf(context);
      const result = await charger.start({ channel: channelOption(context.options), preset: presetOption(context), operation, signal: context.signal });
      context.log(`channel ${result.channel + 1}: ${operation} started with preset ${result.preset} (operation ${result.operationCode})`);
      return { ...result, channel: result.channel + 1 };
    },
  };
}

const stop: PluginCommand = {
  name: "stop",
  summary: "Stop a channel and wait until it reports stopped",
  changesDevice: true,
  options: [CHANNEL],
  run: async (context) => {
    const { charger } = sessionOf(context);
    const channel = channelOption(context.options);
    const status = await charger.stop(channel, { signal: context.signal });
    return { channel: channel + 1, stopped: status ? !status.run : true };
  },
};

const ir: PluginCommand = {
  name: "ir",
  summary: "Show the charger's own IR results, or measure IR with a discharge pulse (--auto --preset N --yes)",
  // Reading results changes nothing; --auto discharges the pack.
  changesDevice: (options) => options.auto === true,
  options: [
    CHANNEL,
    { name: "auto", type: "boolean", description: "measure with a short discharge pulse (discharges the pack briefly; needs --yes)" },
    { ...PRESET, description: "with --auto: slot of a lithium preset whose discharge current is the pulse current" },
    { name: "max-current", type: "string", description: "with --auto: refuse presets above this current, A (default 10)" },
    { name: "max-pulse", type: "string", description: "with --auto: longest pulse, ms (default 5000)" },
  ],
  run: async (context) => {
    const { charger } = sessionOf(context);
    const channel = channelOption(context.options);
    if (context.options.auto !== true) {
      const own = await charger.readInternalResistance(channel, context.signal);
      return { ...own, channel: channel + 1 };
    }
    const maxCurrentA = numberOption(context.options, "max-current", { min: 0.05, max: 40 });
    const maxPulseMs = numberOption(context.options, "max-pulse", { min: 100, max: 30_000, integer: true });
    const result = await charger.measureIr({
      channel,
      preset: presetOption(context),
      ...(maxCurrentA !== undefined ? { maxCurrentA } : {}),
      ...(maxPulseMs !== undefined ? { maxPulseMs } : {}),
      signal: context.signal,
      onProgress: (event) => {
        if (event.phase === "checked") context.log(`${event.cells} ${event.chemistry} cells; pulse at ${event.pulseCurrentA} A`);
        if (event.phase === "started") context.log("discharge pulse started");
        if (event.phase === "stopped") context.log("channel stopped");
      },
    });
    return { ...result, channel: channel + 1 };
  },
};

/** The device-specific subcommands of `batt icharger`. */
export const ICHARGER_COMMANDS: readonly PluginCommand[] = [
  presets,
  startCommand("charge", "Start charging a channel with a preset (verified from the status word)"),
  startCommand("storage", "Bring a lithium pack to storage voltage with a preset"),
  startCommand("discharge", "Start discharging a channel with a preset"),
  startCommand("cycle", "Start a charge/discharge cycle with a preset"),
  startCommand("balance", "Balance a lithium pack without charging (balance only)"),
  stop,
  ir,
];
