import { BattError, type DeviceSession, type PluginCommand } from "@batt/core";
import { isJkSession, type JkCliSession } from "./jk-session.js";
import { parseSwitch } from "./parse-value.js";

function jk(session: DeviceSession): JkCliSession {
  if (!isJkSession(session)) throw new BattError("unsupported", "not a JK session");
  return session;
}

/** `batt jk …` subcommands. */
export const JK_COMMANDS: readonly PluginCommand[] = [
  {
    name: "settings get",
    summary: "show every setting, or one by name",
    usage: "[name]",
    changesDevice: false,
    run: async ({ session, args, signal }) => {
      const [name, extra] = args;
      if (extra !== undefined) throw new BattError("invalid-argument", "settings get takes at most one name");
      return name === undefined ? jk(session).readSettings(signal) : jk(session).readSetting(name, signal);
    },
  },
  {
    name: "settings set",
    summary: "write a setting, then read it back",
    usage: "<name> <value>",
    changesDevice: true,
    run: async ({ session, args, signal }) => {
      if (args.length !== 2) throw new BattError("invalid-argument", "usage: settings set <name> <value>");
      return jk(session).writeSetting(args[0]!, args[1]!, signal);
    },
  },
  {
    name: "switch",
    summary: "turn the charge or discharge MOSFET on or off, then read it back",
    usage: "charge|discharge on|off",
    changesDevice: true,
    run: async ({ session, args, signal }) => {
      const [which, state] = args;
      if ((which !== "charge" && which !== "discharge") || state === undefined || args.length !== 2) {
        throw new BattError("invalid-argument", "usage: switch charge|discharge on|off");
      }
      return jk(session).setSwitch(which, parseSwitch(state), signal);
    },
  },
];
