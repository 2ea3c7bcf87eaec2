import { BattError, type PluginCommand, type PluginCommandContext, type PluginCommandHost } from "@batt/core";
import { parseBackup, type JbdSettingsBackup } from "../backup.js";
import type { RestoreResult } from "../jbd-bms.js";
import { CONTROL_COMMANDS, type BalanceTestMode, type ControlCommand } from "../control.js";
import { exportFig, importFig } from "../fig.js";
import type { MosfetRequest } from "../mosfet.js";
import { encodeSetting, formatSettingValue, parseSettingValue } from "../settings/convert.js";
import { settingBits } from "../settings/flag-bits.js";
import { findSetting, JBD_SETTINGS } from "../settings/table.js";
import type { SettingDef, SettingValue } from "../settings/types.js";
import { JBD_MAINTENANCE_COMMANDS } from "./maintenance-commands.js";
import { JBD_PARAMETER_COMMANDS } from "./parameter-commands.js";
import { closestNames } from "./closest-names.js";
import { JbdSession } from "./session.js";
import { countersTable, restoreTable, settingsListTable, settingsValuesTable, writeReportTable } from "./settings-tables.js";

function sessionOf(context: PluginCommandContext): JbdSession {
  if (!(context.session instanceof JbdSession)) throw new BattError("invalid-argument", "not a JBD session");
  return context.session;
}

function arg(args: readonly string[], index: number, what: string): string {
  const value = args[index];
  if (value === undefined) throw new BattError("invalid-argument", `missing ${what}`);
  return value;
}

function settingOf(name: string): NonNullable<ReturnType<typeof findSetting>> {
  const def = findSetting(name);
  if (!def) {
    const close = closestNames(name, JBD_SETTINGS.map((d) => d.name));
    throw new BattError("invalid-argument", `unknown setting "${name}"${close.length > 0 ? `; did you mean ${close.join(" or ")}?` : ""} (see "settings list")`);
  }
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

/** Largest backup file read: a backup is a few kilobytes. */
const BACKUP_FILE_LIMIT = 4 * 1024 * 1024;

/** The backup's text: the named file, or the text itself when given inline (JSON or .fig, or `@FILE` in the CLI). */
async function documentText(given: string, host: PluginCommandHost): Promise<string> {
  const trimmed = given.trimStart();
  if (trimmed.startsWith("{") || trimmed.startsWith("FileCode") || trimmed === "") return given;
  if (!host.readFile) throw new BattError("invalid-argument", `cannot read ${given} here: give the backup's text`);
  const bytes = await host.readFile(given);
  if (bytes.length > BACKUP_FILE_LIMIT) throw new BattError("invalid-argument", `${given} is too large for a backup: ${bytes.length} bytes, at most 4 MiB`);
  return new TextDecoder().decode(bytes);
}

const settingsList: PluginCommand = {
  name: "settings list",
  summary: "List every EEPROM setting with register, unit and range (no device needed)",
  changesDevice: false,
  offline: true,
  table: () => settingsListTable(),
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

const settingsGet: PluginCommand<SettingDef | undefined> = {
  name: "settings get",
  summary: "Read one setting, or all of them (factory mode, left again afterwards)",
  usage: "[name]",
  changesDevice: false,
  table: (result) => settingsValuesTable(result),
  prepare: (args) => (args[0] === undefined ? undefined : settingOf(args[0])),
  run: async (context) => {
    const { bms } = sessionOf(context);
    const def = context.input;
    if (def === undefined) return bms.readSettings(undefined, context.signal);
    const value = await bms.readSetting(def.name, context.signal);
    const bits = settingBits(def, value);
    return { name: def.name, value, ...(def.unit ? { unit: def.unit } : {}), text: formatSettingValue(def, value), ...(bits ? { bits } : {}) };
  },
};

const settingsSet: PluginCommand<{ readonly name: string; readonly value: SettingValue }> = {
  name: "settings set",
  summary: "Write one setting (validated, verified by read-back, saved to EEPROM; no register write when unchanged)",
  usage: "<name> <value>",
  changesDevice: true,
  prepare: (args) => {
    const def = settingOf(arg(args, 0, "setting name"));
    const value = parseSettingValue(def, arg(args, 1, "value"));
    encodeSetting(def, value); // range and type, before the link opens
    return { name: def.name, value };
  },
  table: (result) => writeReportTable(result as Parameters<typeof writeReportTable>[0]),
  run: async (context) => {
    const requested = { [context.input.name]: context.input.value };
    return { ...(await sessionOf(context).bms.writeSettings(requested, { signal: context.signal })), requested };
  },
};

const mosfet: PluginCommand<MosfetRequest> = {
  name: "mosfet",
  summary: "Switch the charge or discharge MOSFET (or both) on or off; reports the state read back",
  usage: "charge|discharge|both on|off",
  changesDevice: true,
  prepare: (args) => {
    const which = arg(args, 0, "charge, discharge or both");
    const state = arg(args, 1, "on or off");
    if (!["charge", "discharge", "both"].includes(which)) throw new BattError("invalid-argument", `expected charge, discharge or both, got "${which}"`);
    if (state !== "on" && state !== "off") throw new BattError("invalid-argument", `expected on or off, got "${state}"`);
    const on = state === "on";
    return { ...(which !== "discharge" ? { charge: on } : {}), ...(which !== "charge" ? { discharge: on } : {}) };
  },
  run: async (context) => {
    const { bms } = sessionOf(context);
    const result = await bms.setMosfet(context.input, context.signal);
    if (!result.confirmed) context.log("warning: the BMS does not show the requested MOSFET state");
    return result;
  },
};

const backup: PluginCommand<"json" | "fig"> = {
  name: "backup",
  summary: "Read every setting into a backup document (JSON, or JBDTools .fig text with --format fig); redirect to a file",
  changesDevice: false,
  options: [{ name: "format", type: "string", description: "json (default) or fig", default: "json" }],
  prepare: (_args, options) => {
    const format = options.format ?? "json";
    if (format !== "json" && format !== "fig") throw new BattError("invalid-argument", `--format must be json or fig: ${String(format)}`);
    return format;
  },
  run: async (context) => {
    const { bms } = sessionOf(context);
    if (context.input === "json") return bms.exportSettings(context.signal);
    return exportFig((await bms.readSettings(undefined, context.signal)).registers);
  },
};

const restore: PluginCommand<{ readonly doc: JbdSettingsBackup; readonly exclude: readonly string[] }> = {
  name: "restore",
  summary: "Restore a backup file (JSON document or JBDTools .fig); writes only what differs and prints the diff",
  usage: "<file>",
  changesDevice: true,
  options: [
    { name: "dry-run", type: "boolean", description: "show the diff, write nothing", default: false },
    { name: "exclude", type: "string", description: "comma-separated settings to leave alone (e.g. cycle_cnt,serial_num)" },
  ],
  // The whole document is checked here, before the link opens: an empty, truncated or corrupt file sends nothing.
  table: (result, options) => restoreTable(result as RestoreResult, options["dry-run"] === true),
  prepare: async (args, options, host) => {
    const doc = parseBackup(parseDocument(await documentText(arg(args, 0, "backup file"), host)));
    const exclude = typeof options.exclude === "string" ? options.exclude.split(",").map((s) => s.trim()).filter((s) => s !== "") : [];
    for (const name of exclude) settingOf(name);
    return { doc, exclude };
  },
  run: async (context) => {
    const { bms } = sessionOf(context);
    const { doc, exclude } = context.input;
    return bms.restoreSettings(doc, { dryRun: context.options["dry-run"] === true, exclude, signal: context.signal });
  },
};

const counters: PluginCommand = {
  name: "counters",
  summary: "Read the error counters (register 0xAA)",
  changesDevice: false,
  table: (result) => countersTable(result),
  run: async (context) => sessionOf(context).bms.readErrorCounters(context.signal),
};

const control: PluginCommand<ControlCommand> = {
  name: "control",
  summary: `Send a 0x0A command: ${Object.keys(CONTROL_COMMANDS).join(", ")}`,
  usage: "<command>",
  changesDevice: true,
  prepare: (args) => {
    const name = arg(args, 0, "command");
    if (!Object.hasOwn(CONTROL_COMMANDS, name)) throw new BattError("invalid-argument", `unknown command "${name}" (known: ${Object.keys(CONTROL_COMMANDS).join(", ")})`);
    return name as ControlCommand;
  },
  run: async (context) => {
    await sessionOf(context).bms.control(context.input, context.signal);
    return { sent: context.input };
  },
};

const balance: PluginCommand<BalanceTestMode | "end"> = {
  name: "balance-test",
  summary: "Balance test: odd or even cells, off (all closed), or end (back to automatic)",
  usage: "odd|even|off|end",
  changesDevice: true,
  prepare: (args) => {
    const mode = arg(args, 0, "odd, even, off or end");
    if (mode !== "end" && mode !== "odd" && mode !== "even" && mode !== "off") throw new BattError("invalid-argument", `expected odd, even, off or end, got "${mode}"`);
    return mode;
  },
  run: async (context) => {
    const { bms } = sessionOf(context);
    const mode = context.input;
    if (mode === "end") await bms.endBalanceTest(context.signal);
    else await bms.balanceTest(mode, context.signal);
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
export const JBD_COMMANDS: readonly PluginCommand[] = [settingsList, settingsGet, settingsSet, mosfet, backup, restore, counters, control, balance, passwordClear, ...JBD_MAINTENANCE_COMMANDS, ...JBD_PARAMETER_COMMANDS];
