import { BattError, type PluginCommand, type PluginCommandContext } from "@batt/core";
import { CONTROL_COMMANDS, type BalanceTestMode, type ControlCommand } from "../control.js";
import { exportFig, importFig } from "../fig.js";
import { formatSettingValue, parseSettingValue } from "../settings/convert.js";
import { findSetting, JBD_SETTINGS } from "../settings/table.js";
import { JbdSession } from "./session.js";

function sessionOf(context: PluginCommandContext): JbdSession {
  if (!(context.session instanceof JbdSession)) throw new BattError("invalid-argument", "not a JBD session");
  return context.session;
}

function arg(context: PluginCommandContext, index: number, what: string): string {
  const value = context.args[index];
  if (value === undefined) throw new BattError("invalid-argument", `missing ${what}`);
  return value;
}

function settingOf(name: string): NonNullable<ReturnType<typeof findSetting>> {
  const def = findSetting(name);
  if (!def) throw new BattError("invalid-argument", `unknown setting "${name}" (see "settings list")`);
  return def;
}

/** Parses a backup given as text: a JSON document or a JBDTools `.fig` file. */
function parseDocument(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed.startsWith("FileCode")) {
    const fig = importFig(trimmed);
    return { format: "batt-jbd-settings", version: 1, created: "", device: {}, settings: fig.settings };
  }
  try {
    return JSON.parse(trimmed) as unknown;
  } catch (error) {
    throw new BattError("invalid-argument", `backup is neither JSON nor a .fig file: ${(error as Error).message}`);
  }
}

const settingsList: PluginCommand = {
  name: "settings list",
  summary: "List every EEPROM setting with register, unit and range",
  changesDevice: false,
  run: async () =>
    JBD_SETTINGS.map((d) => ({
      name: d.name,
      register: `0x${d.address.toString(16).padStart(2, "0")}`,
      kind: d.kind,
      ...(d.unit ? { unit: d.unit } : {}),
      ...(d.min !== undefined ? { min: d.min } : {}),
      ...(d.max !== undefined ? { max: d.max } : {}),
      ...(d.values ? { values: d.values } : {}),
      description: d.description,
    })),
};

const settingsGet: PluginCommand = {
  name: "settings get",
  summary: "Read one setting, or all of them (factory mode, left again afterwards)",
  usage: "[name]",
  changesDevice: false,
  run: async (context) => {
    const { bms } = sessionOf(context);
    const name = context.args[0];
    if (name === undefined) return bms.readSettings(undefined, context.signal);
    const def = settingOf(name);
    const value = await bms.readSetting(name, context.signal);
    return { name, value, ...(def.unit ? { unit: def.unit } : {}), text: formatSettingValue(def, value) };
  },
};

const settingsSet: PluginCommand = {
  name: "settings set",
  summary: "Write one setting (validated, verified by read-back, saved to EEPROM; skipped when unchanged)",
  usage: "<name> <value>",
  changesDevice: true,
  run: async (context) => {
    const { bms } = sessionOf(context);
    const def = settingOf(arg(context, 0, "setting name"));
    const value = parseSettingValue(def, arg(context, 1, "value"));
    return bms.writeSettings({ [def.name]: value }, { signal: context.signal });
  },
};

const mosfet: PluginCommand = {
  name: "mosfet",
  summary: "Switch the charge or discharge MOSFET (or both) on or off; reports the state read back",
  usage: "charge|discharge|both on|off",
  changesDevice: true,
  run: async (context) => {
    const { bms } = sessionOf(context);
    const which = arg(context, 0, "charge, discharge or both");
    const state = arg(context, 1, "on or off");
    if (!["charge", "discharge", "both"].includes(which)) throw new BattError("invalid-argument", `expected charge, discharge or both, got "${which}"`);
    if (state !== "on" && state !== "off") throw new BattError("invalid-argument", `expected on or off, got "${state}"`);
    const on = state === "on";
    const result = await bms.setMosfet(
      { ...(which !== "discharge" ? { charge: on } : {}), ...(which !== "charge" ? { discharge: on } : {}) },
      context.signal,
    );
    if (!result.confirmed) context.log("warning: the BMS does not show the requested MOSFET state");
    return result;
  },
};

const backup: PluginCommand = {
  name: "backup",
  summary: "Read every setting into a backup document (JSON, or JBDTools .fig text with --format fig); redirect to a file",
  changesDevice: false,
  options: [{ name: "format", type: "string", description: "json (default) or fig", default: "json" }],
  run: async (context) => {
    const { bms } = sessionOf(context);
    const format = context.options.format ?? "json";
    if (format === "json") return bms.exportSettings(context.signal);
    if (format !== "fig") throw new BattError("invalid-argument", `--format must be json or fig: ${String(format)}`);
    return exportFig((await bms.readSettings(undefined, context.signal)).registers);
  },
};

const restore: PluginCommand = {
  name: "restore",
  summary: "Restore a backup given as text (JSON document or .fig); writes only what differs and prints the diff",
  usage: "<document>",
  changesDevice: true,
  options: [
    { name: "dry-run", type: "boolean", description: "show the diff, write nothing", default: false },
    { name: "exclude", type: "string", description: "comma-separated settings to leave alone (e.g. cycle_cnt,serial_num)" },
  ],
  run: async (context) => {
    const { bms } = sessionOf(context);
    const doc = parseDocument(arg(context, 0, "backup document"));
    const exclude = typeof context.options.exclude === "string" ? context.options.exclude.split(",").map((s) => s.trim()) : [];
    return bms.restoreSettings(doc, { dryRun: context.options["dry-run"] === true, exclude, signal: context.signal });
  },
};

const counters: PluginCommand = {
  name: "counters",
  summary: "Read the error counters (register 0xAA)",
  changesDevice: false,
  run: async (context) => sessionOf(context).bms.readErrorCounters(context.signal),
};

const control: PluginCommand = {
  name: "control",
  summary: `Send a 0x0A command: ${Object.keys(CONTROL_COMMANDS).join(", ")}`,
  usage: "<command>",
  changesDevice: true,
  run: async (context) => {
    const name = arg(context, 0, "command");
    if (!(name in CONTROL_COMMANDS)) throw new BattError("invalid-argument", `unknown command "${name}" (known: ${Object.keys(CONTROL_COMMANDS).join(", ")})`);
    await sessionOf(context).bms.control(name as ControlCommand, context.signal);
    return { sent: name };
  },
};

const balance: PluginCommand = {
  name: "balance-test",
  summary: "Balance test: odd or even cells, off (all closed), or end (back to automatic)",
  usage: "odd|even|off|end",
  changesDevice: true,
  run: async (context) => {
    const { bms } = sessionOf(context);
    const mode = arg(context, 0, "odd, even, off or end");
    if (mode === "end") await bms.endBalanceTest(context.signal);
    else if (mode === "odd" || mode === "even" || mode === "off") await bms.balanceTest(mode as BalanceTestMode, context.signal);
    else throw new BattError("invalid-argument", `expected odd, even, off or end, got "${mode}"`);
    return { balanceTest: mode };
  },
};

const passwordClear: PluginCommand = {
  name: "password clear",
  summary: "Clear the PIN (register 0x09 with J1B2D4)",
  changesDevice: true,
  run: async (context) => {
    await sessionOf(context).bms.clearPassword(context.signal);
    return { passwordCleared: true };
  },
};

/** The device-specific subcommands of `batt jbd`. */
export const JBD_COMMANDS: readonly PluginCommand[] = [settingsList, settingsGet, settingsSet, mosfet, backup, restore, counters, control, balance, passwordClear];
