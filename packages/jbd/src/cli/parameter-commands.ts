import { BattError, type PluginCommand, type PluginCommandContext } from "@batt/core";
import { JBD_FET_SWITCHES, type JbdFetSwitch } from "../fet-control.js";
import { JBD_MAX_PARAMETERS_PER_READ } from "../parameters.js";
import { JbdSession } from "./session.js";

function sessionOf(context: PluginCommandContext<unknown>): JbdSession {
  if (!(context.session instanceof JbdSession)) throw new BattError("invalid-argument", "not a JBD session");
  return context.session;
}

function integer(text: string | undefined, what: string, min: number, max: number): number {
  const n = text === undefined || text.trim() === "" ? NaN : Number(text);
  if (!Number.isInteger(n) || n < min || n > max) throw new BattError("invalid-argument", `${what} must be an integer ${min}..${max}, got ${JSON.stringify(text ?? "")}`);
  return n;
}

const detect: PluginCommand = {
  name: "params detect",
  summary: "Tell whether the BMS speaks the numbered-parameter protocol (0xFA, newer firmware)",
  changesDevice: false,
  run: async (context) => ({ parameterProtocol: await sessionOf(context).bms.detectParameterProtocol(context.signal) }),
};

const get: PluginCommand<{ readonly first: number; readonly count: number }> = {
  name: "params get",
  summary: "Read numbered parameters (0xFA; 0–39 are the EEPROM settings, shown with their values)",
  usage: "<first> [count]",
  changesDevice: false,
  prepare: (args) => ({ first: integer(args[0], "first parameter", 0, 0xffff), count: args[1] === undefined ? 1 : integer(args[1], "count", 1, 4 * JBD_MAX_PARAMETERS_PER_READ) }),
  run: async (context) => sessionOf(context).bms.readParameters(context.input.first, context.input.count, context.signal),
};

const set: PluginCommand<{ readonly first: number; readonly words: readonly number[] }> = {
  name: "params set",
  summary: "Write consecutive numbered parameters as raw words (0xFA; factory mode, read back, saved only when verified)",
  usage: "<first> <word> [word…]",
  changesDevice: true,
  prepare: (args) => {
    const first = integer(args[0], "first parameter", 0, 0xffff);
    if (args.length < 2) throw new BattError("invalid-argument", "missing the value(s) to write");
    const words = args.slice(1).map((w, i) => integer(w, `value of parameter ${first + i}`, 0, 0xffff));
    if (first + words.length - 1 > 0xffff) throw new BattError("invalid-argument", "parameters run past 65535");
    return { first, words };
  },
  run: async (context) => sessionOf(context).bms.writeParameters(context.input.first, context.input.words, context.signal),
};

const fet: PluginCommand<{ readonly which: JbdFetSwitch; readonly off: boolean }> = {
  name: "fet",
  summary: "Force a switch off or release it with the 0xFB command of newer firmware; reports the MOSFET state read back",
  usage: `${Object.keys(JBD_FET_SWITCHES).join("|")} off|release`,
  changesDevice: true,
  prepare: (args) => {
    const which = args[0] ?? "";
    if (!Object.hasOwn(JBD_FET_SWITCHES, which)) throw new BattError("invalid-argument", `expected ${Object.keys(JBD_FET_SWITCHES).join(", ")}, got ${JSON.stringify(which)}`);
    const action = args[1];
    if (action !== "off" && action !== "release") throw new BattError("invalid-argument", `expected off or release, got ${JSON.stringify(action ?? "")}`);
    return { which: which as JbdFetSwitch, off: action === "off" };
  },
  run: async (context) => {
    const { bms } = sessionOf(context);
    await bms.fetControl(context.input.which, context.input.off, context.signal);
    const info = await bms.readBasicInfo(context.signal);
    return { sent: context.input, fet: info.fet };
  },
};

/** The 0xFA / 0xFB commands of `batt jbd` (docs/protocols/jbd.md#parameter-protocol-0xfa). */
export const JBD_PARAMETER_COMMANDS: readonly PluginCommand[] = [detect, get, set, fet];
