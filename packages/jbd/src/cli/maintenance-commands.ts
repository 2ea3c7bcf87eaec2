import { BattError, type PluginCommand, type PluginCommandContext, type PluginOptionValues } from "@batt/core";
import { calibrationReadBack } from "../calibration-check.js";
import type { Calibration } from "../control.js";
import { encodePassword, type PasswordEncoding } from "../password.js";
import { CALIBRATE_USAGE, parseCalibrationArgs } from "./calibration-args.js";
import { JbdSession } from "./session.js";

function sessionOf(context: PluginCommandContext<unknown>): JbdSession {
  if (!(context.session instanceof JbdSession)) throw new BattError("invalid-argument", "not a JBD session");
  return context.session;
}

function encodingOf(options: PluginOptionValues): PasswordEncoding {
  return options["password-encoding"] === "ascii" ? "ascii" : "raw";
}

/** A PIN checked against the encoding in use (six digits raw, six characters ASCII), before the link opens. */
function pin(text: string | undefined, what: string, options: PluginOptionValues): string {
  if (text === undefined) throw new BattError("invalid-argument", `missing ${what}`);
  encodePassword(text, encodingOf(options));
  return text;
}

const calibrate: PluginCommand<Calibration> = {
  name: "calibrate",
  summary: "Calibrate a cell voltage, the current (zero, charge or discharge gain), an NTC or the remaining capacity (factory mode, saved); reports the value read afterwards",
  usage: CALIBRATE_USAGE,
  changesDevice: true,
  prepare: (args) => parseCalibrationArgs(args),
  run: async (context) => {
    const { bms } = sessionOf(context);
    // The same factory-mode session as a settings write: entered (with the PIN if refused), always left, saved only on success.
    await bms.calibrate(context.input, context.signal);
    const reading = await bms.read(context.signal ? { signal: context.signal } : {});
    return { calibrated: context.input, readBack: calibrationReadBack(context.input, reading.reading) };
  },
};

const passwordSet: PluginCommand<{ readonly old: string; readonly next: string }> = {
  name: "password set",
  summary: "Change the PIN (register 0x07), then check the new one is accepted (0x06)",
  usage: "<old> <new>",
  changesDevice: true,
  prepare: (args, options) => ({ old: pin(args[0], "old PIN", options), next: pin(args[1], "new PIN", options) }),
  run: async (context) => {
    const { bms } = sessionOf(context);
    await bms.setPassword(context.input.old, context.input.next, context.signal);
    const accepted = await bms.usePassword(context.input.next, context.signal);
    if (!accepted) throw new BattError("unsupported", "this firmware has no PIN (register 0x06 answered 0x80)");
    return { passwordChanged: true, verified: true };
  },
};

const passwordUse: PluginCommand<string> = {
  name: "password use",
  summary: "Send the PIN (register 0x06) and report whether the BMS accepts it or has none",
  usage: "<pin>",
  changesDevice: false,
  prepare: (args, options) => pin(args[0], "PIN", options),
  run: async (context) => {
    const accepted = await sessionOf(context).bms.usePassword(context.input, context.signal);
    return accepted ? { accepted: true } : { accepted: false, reason: "this firmware has no PIN (register 0x06 answered 0x80)" };
  },
};

/** Calibration and PIN commands of `batt jbd` (docs/protocols/jbd.md#other-commands, #passwords). */
export const JBD_MAINTENANCE_COMMANDS: readonly PluginCommand[] = [calibrate, passwordSet, passwordUse];
