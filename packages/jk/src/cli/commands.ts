import { BattError, type DeviceSession, type PluginCommand, type PluginOptionValues } from "@batt/core";
import { JK_PB_SETTINGS_MAP, type JkPbSettingName } from "../pb/pb-settings-map.js";
import { identifierByKey } from "../identifiers/identifier-table.js";
import { JK_SETTING_KEYS, writableSpec } from "../settings.js";
import { JK02_32S_SETTINGS_LAYOUT } from "../eb90/eb90-settings-layouts.js";
import { JK_PB_COMMANDS_CLI } from "./pb-commands.js";
import { protocolOf } from "./cli-options.js";
import { isJkSession, type JkCliSession, type JkSwitchName } from "./jk-session.js";
import { parseFieldValue, parseIdentifierValue, parseSwitch } from "./parse-value.js";
import { EB90_WRITE_REGISTERS } from "../eb90/eb90-write-registers.js";

function jk(session: DeviceSession): JkCliSession {
  if (!isJkSession(session)) throw new BattError("unsupported", "not a JK session");
  return session;
}

/** The settings of the 55 AA EB 90 settings frame (JK-PB firmware's layout). */
const FRAME_SETTING_KEYS = JK02_32S_SETTINGS_LAYOUT.fields.filter((f) => !f.reserved && !f.envelope).map((f) => f.key);

/** Checks that the protocol chosen has a readable setting `name`, before the link opens. */
function checkSettingName(name: string, options: PluginOptionValues): void {
  const protocol = protocolOf(options);
  if (protocol === "pb-trigger" || protocol === "pb-listen" || protocol === "eb90") {
    if (!FRAME_SETTING_KEYS.includes(name)) throw new BattError("invalid-argument", `unknown setting ${name}; settings: ${FRAME_SETTING_KEYS.join(", ")}`);
    return;
  }
  if (protocol === "4e57") {
    const spec = identifierByKey(name);
    if (!spec || spec.access === "w") throw new BattError("invalid-argument", `unknown setting ${name}; settings: ${JK_SETTING_KEYS.join(", ")}`);
  } else if (!Object.hasOwn(JK_PB_SETTINGS_MAP.fields, name)) {
    throw new BattError("invalid-argument", `unknown JK-PB setting ${name}; settings: ${JK_PB_SETTINGS_MAP.names.join(", ")}`);
  }
}

/** Checks a setting's name and value for the protocol chosen, before the link opens (the session parses them again when it writes). */
function checkSetting(name: string, text: string, options: PluginOptionValues): void {
  const protocol = protocolOf(options);
  if (protocol === "pb-trigger" || protocol === "pb-listen") throw new BattError("unsupported", `settings set is not offered with --protocol ${protocol}; use --protocol pb`);
  if (protocol === "eb90") {
    if (!Object.hasOwn(EB90_WRITE_REGISTERS, name)) throw new BattError("invalid-argument", `${name} cannot be written over 55 AA EB 90; writable: ${Object.keys(EB90_WRITE_REGISTERS).join(", ")}`);
    if (text.trim() === "" || !Number.isFinite(Number(text))) throw new BattError("invalid-argument", `${name} takes a number, got "${text}"`);
    return;
  }
  if (protocol === "4e57") {
    parseIdentifierValue(writableSpec(name), text);
    return;
  }
  checkSettingName(name, options);
  parseFieldValue(name, JK_PB_SETTINGS_MAP.fields[name as JkPbSettingName]!, text);
}

const switchCommand: PluginCommand<{ readonly which: JkSwitchName; readonly on: boolean }> = {
  name: "switch",
  summary: "turn the charge or discharge MOSFET on or off, then read it back",
  usage: "charge|discharge on|off",
  changesDevice: true,
  prepare: (args, options) => {
    if (protocolOf(options) === "pb-listen") throw new BattError("unsupported", "--protocol pb-listen only listens; nothing is sent");
    const [which, state] = args;
    if ((which !== "charge" && which !== "discharge") || state === undefined || args.length !== 2) {
      throw new BattError("invalid-argument", "usage: switch charge|discharge on|off");
    }
    return { which, on: parseSwitch(state) };
  },
  run: async ({ session, input, signal }) => jk(session).setSwitch(input.which, input.on, signal),
};

/** `batt jk …` subcommands. */
export const JK_COMMANDS: readonly PluginCommand[] = [
  {
    name: "settings get",
    summary: "show every setting, or one by name",
    usage: "[name]",
    changesDevice: false,
    prepare: (args, options) => {
      if (args.length > 1) throw new BattError("invalid-argument", "settings get takes at most one name");
      if (args[0] !== undefined) checkSettingName(args[0], options);
    },
    run: async ({ session, args, signal }) => {
      const [name] = args;
      return name === undefined ? jk(session).readSettings(signal) : jk(session).readSetting(name, signal);
    },
  },
  {
    name: "settings set",
    summary: "write a setting, then read it back",
    usage: "<name> <value>",
    changesDevice: true,
    prepare: (args, options) => {
      if (args.length !== 2) throw new BattError("invalid-argument", "usage: settings set <name> <value>");
      checkSetting(args[0]!, args[1]!, options);
    },
    run: async ({ session, args, signal }) => jk(session).writeSetting(args[0]!, args[1]!, signal),
  },
  switchCommand,
  ...JK_PB_COMMANDS_CLI,
];
