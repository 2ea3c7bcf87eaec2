import { BattError, numberOption, type PluginCommand, type PluginCommandContext, type PluginOptionValues } from "@batt/core";
import type { TemporaryChemistry, TemporaryRunOptions } from "../control/temporary-run.js";
import { MODELS } from "../models/model-table.js";
import type { OperationName } from "../models/operations.js";
import { PRESET_FIELDS } from "../presets/preset-fields.js";
import type { PresetChanges } from "../presets/preset-codec.js";
import { formatLog, type LogFormat } from "../record/log-rows.js";
import { SYSTEM_LAYOUTS } from "../system/system-layouts.js";
import type { SettingChanges } from "../system/system-settings.js";
import { parseAssignments } from "./setting-args.js";
import { channelOption } from "./options.js";
import { IChargerSession } from "./session.js";
import { irTable, presetsTable } from "./tables.js";

function sessionOf(context: PluginCommandContext): IChargerSession {
  if (!(context.session instanceof IChargerSession)) throw new BattError("invalid-argument", "not an iCharger session");
  return context.session;
}

const CHANNEL = { name: "channel", type: "string", description: "channel 1 or 2 (default 1)" } as const;
const PRESET = { name: "preset", type: "string", description: "preset slot number, as `presets` lists it" } as const;

function presetOption(options: PluginOptionValues): number {
  const slot = numberOption(options, "preset", { min: 0, max: 63, integer: true });
  if (slot === undefined) throw new BattError("invalid-argument", "--preset N is required (see `presets` for slot numbers)");
  return slot;
}

const presets: PluginCommand<number | undefined> = {
  name: "presets",
  summary: "List the presets (slot, name, chemistry, currents), or show every field of one slot",
  usage: "[slot]",
  changesDevice: false,
  table: (result) => presetsTable(result),
  prepare: (args) => {
    const slot = args[0];
    if (slot === undefined) return undefined;
    const n = Number(slot);
    if (slot.trim() === "" || !Number.isInteger(n)) throw new BattError("invalid-argument", `slot must be a number, got "${slot}"`);
    if (n < 0 || n > 63) throw new BattError("invalid-argument", `slot must be 0..63, got ${n}`);
    return n;
  },
  run: async (context) => {
    const { charger } = sessionOf(context);
    if (context.input === undefined) return charger.listPresets(context.signal);
    const preset = await charger.readPreset(context.input, context.signal);
    return { slot: preset.slot, state: preset.state, name: preset.name, chemistry: preset.chemistry, values: preset.values };
  },
};

function startCommand(operation: OperationName, summary: string): PluginCommand<{ readonly channel: 0 | 1; readonly preset: number }> {
  return {
    name: operation,
    summary,
    changesDevice: true,
    options: [PRESET, CHANNEL],
    prepare: (_args, options) => ({ channel: channelOption(options), preset: presetOption(options) }),
    run: async (context) => {
      const { charger } = sessionOf(context);
      const result = await charger.start({ ...context.input, operation, signal: context.signal });
      context.log(`channel ${result.channel + 1}: ${operation} started with preset ${result.preset} (operation ${result.operationCode})`);
      return { ...result, channel: result.channel + 1 };
    },
  };
}

const stop: PluginCommand<0 | 1> = {
  name: "stop",
  summary: "Stop a channel and wait until it reports stopped",
  changesDevice: true,
  options: [CHANNEL],
  prepare: (_args, options) => channelOption(options),
  run: async (context) => {
    const { charger } = sessionOf(context);
    const channel = context.input;
    const status = await charger.stop(channel, { signal: context.signal });
    return { channel: channel + 1, stopped: status ? !status.run : true };
  },
};

/** The checked options of `ir`: the channel, and for `--auto` the pulse's preset and limits. */
interface IrInput {
  readonly channel: 0 | 1;
  readonly auto?: { readonly preset: number; readonly maxCurrent?: number; readonly maxPulseMs?: number };
}

const ir: PluginCommand<IrInput> = {
  name: "ir",
  summary: "Show the charger's own IR results, or measure IR with a discharge pulse (--auto --preset N --yes)",
  // Reading results changes nothing; --auto discharges the pack.
  changesDevice: (options) => options.auto === true,
  table: (result) => irTable(result),
  options: [
    CHANNEL,
    { name: "auto", type: "boolean", description: "measure with a short discharge pulse (discharges the pack briefly; needs --yes)" },
    { ...PRESET, description: "with --auto: slot of a lithium preset whose discharge current is the pulse current" },
    { name: "max-current", type: "string", description: "with --auto: refuse presets above this current, A (default 10)" },
    { name: "max-pulse", type: "string", description: "with --auto: longest pulse, ms (default 5000)" },
  ],
  prepare: (_args, options) => {
    const channel = channelOption(options);
    if (options.auto !== true) return { channel };
    const maxCurrent = numberOption(options, "max-current", { min: 0.05, max: 40 });
    const maxPulseMs = numberOption(options, "max-pulse", { min: 100, max: 30_000, integer: true });
    return {
      channel,
      auto: { preset: presetOption(options), ...(maxCurrent !== undefined ? { maxCurrent } : {}), ...(maxPulseMs !== undefined ? { maxPulseMs } : {}) },
    };
  },
  run: async (context) => {
    const { charger } = sessionOf(context);
    const { channel, auto } = context.input;
    if (auto === undefined) {
      const own = await charger.readInternalResistance(channel, context.signal);
      return { ...own, channel: channel + 1 };
    }
    const result = await charger.measureIr({
      channel,
      ...auto,
      signal: context.signal,
      onProgress: (event) => {
        if (event.phase === "checked") context.log(`${event.cells} ${event.chemistry} cells; pulse at ${event.pulseCurrent} A`);
        if (event.phase === "started") context.log("discharge pulse started");
        if (event.phase === "stopped") context.log("channel stopped");
      },
    });
    return { ...result, channel: channel + 1 };
  },
};

/** The checked input of `current`. */
interface ModifyInput {
  readonly channel: 0 | 1;
  readonly current: number;
  readonly voltage?: number;
}

/** The largest charge current of any model in the table, A: `current` refuses more before the link opens (the model's own limit is checked once it is known). */
const LARGEST_MODEL_CURRENT = Math.max(...MODELS.map((m) => m.maxChargeCurrent));

const current: PluginCommand<ModifyInput> = {
  name: "current",
  summary: "Change the current (and voltage) limit of the running program (MODIFY), checked against the model's limits and read back",
  usage: "<amps>",
  changesDevice: true,
  options: [CHANNEL, { name: "voltage", type: "string", description: "new voltage limit, V (default: keep the charger's)" }],
  prepare: (args, options) => {
    const text = args[0];
    if (text === undefined) throw new BattError("invalid-argument", "missing amps");
    const amps = Number(text);
    if (text.trim() === "" || !Number.isFinite(amps) || amps <= 0 || amps > LARGEST_MODEL_CURRENT) throw new BattError("invalid-argument", `amps must be a number above 0 and at most ${LARGEST_MODEL_CURRENT}, got "${text}"`);
    const voltage = numberOption(options, "voltage", { min: 0.001, max: 100 });
    return { channel: channelOption(options), current: amps, ...(voltage !== undefined ? { voltage } : {}) };
  },
  run: async (context) => {
    const result = await sessionOf(context).charger.modify({ ...context.input, signal: context.signal });
    return { ...result, channel: result.channel + 1 };
  },
};

/** The checked input of `record`. */
interface RecordInput {
  readonly channel?: number;
  readonly format: LogFormat;
  readonly maxDurationMs?: number;
}

const record: PluginCommand<RecordInput> = {
  name: "record",
  summary: "Record a run from the LogView stream (USB) as CSV or JSONL until it ends, --duration passes or Ctrl-C; --output FILE writes it",
  changesDevice: false,
  options: [
    { name: "channel", type: "string", description: "channel 1 or 2 (default: both)" },
    { name: "format", type: "string", description: "csv (default) or jsonl" },
    { name: "duration", type: "string", description: "stop after this many seconds (default: when the run ends)" },
  ],
  prepare: (_args, options) => {
    const format = options.format ?? "csv";
    if (format !== "csv" && format !== "jsonl") throw new BattError("invalid-argument", `--format must be csv or jsonl, got ${String(format)}`);
    const channel = numberOption(options, "channel", { min: 1, max: 2, integer: true });
    const seconds = numberOption(options, "duration", { min: 0.001, max: 7 * 86_400 });
    return { format, ...(channel !== undefined ? { channel } : {}), ...(seconds !== undefined ? { maxDurationMs: seconds * 1000 } : {}) };
  },
  run: async (context) => {
    const { format, ...options } = context.input;
    const run = await sessionOf(context).charger.record({ ...options, signal: context.signal });
    context.log(`${run.samples.length} samples; ended: ${run.end}`);
    return formatLog(run.samples, format);
  },
};

/** Preset fields a write may change, and those that take a list of flag names. */
const PRESET_WRITABLE = new Set(PRESET_FIELDS.filter((f) => f.readOnly !== true).map((f) => f.name));
const PRESET_LISTS = new Set(PRESET_FIELDS.filter((f) => f.type === "flags8" || f.type === "flags16").map((f) => f.name));
/** SYSTEM fields some layout lets a write change (the model's own layout is checked once it is known). */
const SYSTEM_WRITABLE = new Set(Object.values(SYSTEM_LAYOUTS).flatMap((layout) => [...layout.writable]));

const presetSet: PluginCommand<{ readonly slot: number; readonly changes: PresetChanges }> = {
  name: "preset set",
  summary: "Change fields of a preset slot (range-checked against the model, saved with WRITE_MEM, read back)",
  usage: "<slot> <field=value>…",
  changesDevice: true,
  prepare: (args) => {
    const text = args[0] ?? "";
    const slot = Number(text);
    if (text.trim() === "" || !Number.isInteger(slot) || slot < 0 || slot > 63) throw new BattError("invalid-argument", `slot must be 0..63, got "${text}"`);
    return { slot, changes: parseAssignments(args.slice(1), PRESET_WRITABLE, PRESET_LISTS) };
  },
  run: async (context) => sessionOf(context).charger.writePreset(context.input.slot, context.input.changes, { signal: context.signal }),
};

const systemSet: PluginCommand<{ readonly changes: SettingChanges; readonly persist: boolean; readonly allowLinkChanges: boolean }> = {
  name: "system set",
  summary: "Change SYSTEM settings (range-checked against the model, verified, saved to flash with WRITE_SYS unless --ram-only)",
  usage: "<field=value>…",
  changesDevice: true,
  options: [
    { name: "ram-only", type: "boolean", description: "change the RAM mirror only (lost at power-off)", default: false },
    { name: "allow-link-changes", type: "boolean", description: "allow Modbus mode, address, baud and parity changes (they can cut this link)", default: false },
  ],
  prepare: (args, options) => ({
    changes: parseAssignments(args, SYSTEM_WRITABLE) as SettingChanges,
    persist: options["ram-only"] !== true,
    allowLinkChanges: options["allow-link-changes"] === true,
  }),
  run: async (context) => {
    const { changes, persist, allowLinkChanges } = context.input;
    return sessionOf(context).charger.writeSystemSettings(changes, { persist, allowLinkChanges, signal: context.signal });
  },
};

const TEMPORARY_CHEMISTRIES = ["LiPo", "LiIo", "LiFe", "LiHV", "LTO"] as const;

const quick: PluginCommand<Omit<TemporaryRunOptions, "signal">> = {
  name: "quick",
  summary: "Charge, discharge or store by capacity and C-rate: a temporary preset in a free (or --slot) slot, run to the end, the slot restored",
  usage: "<charge|discharge|storage>",
  changesDevice: true,
  options: [
    CHANNEL,
    { name: "chemistry", type: "string", description: `battery type (${TEMPORARY_CHEMISTRIES.join(", ")}; default LiPo)` },
    { name: "cells", type: "string", description: "cells in series" },
    { name: "capacity", type: "string", description: "capacity, Ah" },
    { name: "c-rate", type: "string", description: "charge current as a multiple of the capacity (default 1)" },
    { name: "discharge-c-rate", type: "string", description: "discharge current as a multiple of the capacity (default: the charge rate, at most 1)" },
    { name: "slot", type: "string", description: "preset slot to borrow (default: the highest free one)" },
  ],
  prepare: (args, options) => {
    const operation = args[0];
    if (operation !== "charge" && operation !== "discharge" && operation !== "storage") throw new BattError("invalid-argument", `operation must be charge, discharge or storage, got "${String(operation)}"`);
    const chemistry = options.chemistry ?? "LiPo";
    if (!(TEMPORARY_CHEMISTRIES as readonly unknown[]).includes(chemistry)) throw new BattError("invalid-argument", `--chemistry must be one of ${TEMPORARY_CHEMISTRIES.join(", ")}, got ${String(chemistry)}`);
    const cells = numberOption(options, "cells", { min: 1, max: 16, integer: true });
    const capacity = numberOption(options, "capacity", { min: 0.001, max: 999.9 });
    if (cells === undefined || capacity === undefined) throw new BattError("invalid-argument", "--cells and --capacity are required");
    const cRate = numberOption(options, "c-rate", { min: 0.01, max: 20 }) ?? 1;
    const dischargeCRate = numberOption(options, "discharge-c-rate", { min: 0.01, max: 20 });
    const slot = numberOption(options, "slot", { min: 0, max: 63, integer: true });
    return {
      channel: channelOption(options),
      operation,
      chemistry: chemistry as TemporaryChemistry,
      cells,
      capacity,
      cRate,
      ...(dischargeCRate !== undefined ? { dischargeCRate } : {}),
      ...(slot !== undefined ? { slot } : {}),
    };
  },
  run: async (context) => {
    context.log(`running ${context.input.operation} to the end; Ctrl-C stops the channel and restores the slot`);
    const result = await sessionOf(context).charger.runTemporary({ ...context.input, signal: context.signal });
    return { ...result, start: { ...result.start, channel: result.start.channel + 1 } };
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
  current,
  record,
  presetSet,
  systemSet,
  quick,
];
