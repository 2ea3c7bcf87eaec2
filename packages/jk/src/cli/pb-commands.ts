import { BattError, type PluginCommand, type PluginCommandContext, type PluginOptionValues } from "@batt/core";
import { encodePbCommand, JK_PB_PRESETS, sendPbCommand, type JkPbCommandRequest, type JkPbPreset } from "../pb/pb-commands.js";
import { addressesOf, protocolOf } from "./cli-options.js";
import { JkPbSession } from "./session-pb.js";

/** One pack, over `--protocol pb`: the 0x1600 commands go to a single address. */
function checkTarget(options: PluginOptionValues): number {
  const protocol = protocolOf(options);
  if (protocol !== "pb") throw new BattError("unsupported", `the JK-PB commands need --protocol pb (got ${protocol})`);
  const addresses = addressesOf(options, protocol);
  if (addresses.length !== 1) throw new BattError("invalid-argument", "the JK-PB commands go to one pack: give one --address");
  return addresses[0]!;
}

function numberArg(text: string | undefined, what: string): number {
  const n = Number(text);
  if (text === undefined || text.trim() === "" || !Number.isFinite(n)) throw new BattError("invalid-argument", `${what}: expected a number, got ${JSON.stringify(text ?? "")}`);
  return n;
}

/** Sends the command to the pack, then reads its live state so that the effect shows. */
async function run(context: PluginCommandContext<{ readonly address: number; readonly request: JkPbCommandRequest }>): Promise<unknown> {
  if (!(context.session instanceof JkPbSession)) throw new BattError("unsupported", "the JK-PB commands need --protocol pb");
  const pack = context.session.bus.pack(context.input.address);
  const call = context.signal ? { signal: context.signal } : {};
  const sent = await sendPbCommand(pack, context.input.request, call);
  const live = await pack.readLive(context.signal);
  return {
    sent: { command: sent.name, register: `0x${sent.address.toString(16)}`, values: sent.values },
    after: { packVoltage: live.packVoltage, current: live.current, chargeMos: live.chargeMos, dischargeMos: live.dischargeMos },
  };
}

function command(name: string, summary: string, usage: string | undefined, parse: (args: readonly string[]) => JkPbCommandRequest): PluginCommand<{ readonly address: number; readonly request: JkPbCommandRequest }> {
  return {
    name,
    summary,
    ...(usage ? { usage } : {}),
    changesDevice: true,
    prepare: (args, options) => {
      const address = checkTarget(options);
      const request = parse(args);
      encodePbCommand(request); // range checks before the link opens
      return { address, request };
    },
    run,
  };
}

function noArgs(name: string, request: JkPbCommandRequest): (args: readonly string[]) => JkPbCommandRequest {
  return (args) => {
    if (args.length > 0) throw new BattError("invalid-argument", `${name} takes no arguments`);
    return request;
  };
}

/** `batt jk pb …`: the JK-PB command block 0x1600 (docs/protocols/jk.md#jk-pb-register-blocks). */
export const JK_PB_COMMANDS_CLI: readonly PluginCommand[] = [
  command("pb shutdown", "Shut the JK-PB pack down (0x1604); it stays off until woken or emergency-started", undefined, noArgs("pb shutdown", { command: "shutdown" })),
  command("pb emergency-start", "Emergency start of the JK-PB pack (0x1610)", undefined, noArgs("pb emergency-start", { command: "emergencyStart" })),
  command("pb preset", `Load a chemistry preset (${Object.keys(JK_PB_PRESETS).join(", ")}; 0x160A/0x160C/0x160E)`, Object.keys(JK_PB_PRESETS).join("|"), (args) => {
    const preset = args[0] ?? "";
    if (args.length !== 1 || !Object.hasOwn(JK_PB_PRESETS, preset)) throw new BattError("invalid-argument", `pb preset: expected one of ${Object.keys(JK_PB_PRESETS).join(", ")}`);
    return { command: "preset", preset: preset as JkPbPreset };
  }),
  command("pb calibrate", "Calibrate the pack voltage (0x1600, V) or the current (0x1606, A) to the true value", "voltage <V> | current <A>", (args) => {
    const [what, value] = args;
    if (args.length !== 2 || (what !== "voltage" && what !== "current")) throw new BattError("invalid-argument", "usage: pb calibrate voltage <V> | current <A>");
    return what === "voltage" ? { command: "voltageCalibration", voltage: numberArg(value, "voltage") } : { command: "currentCalibration", current: numberArg(value, "current") };
  }),
  command("pb time", "Set the pack's clock (0x1612): now, or an ISO 8601 time", "[now|ISO]", (args) => {
    if (args.length > 1) throw new BattError("invalid-argument", "pb time takes at most one time");
    const text = args[0] ?? "now";
    const time = text === "now" ? new Date() : new Date(text);
    if (Number.isNaN(time.getTime())) throw new BattError("invalid-argument", `pb time: not a time: ${JSON.stringify(text)}`);
    return { command: "timeCalibration", time };
  }),
];
