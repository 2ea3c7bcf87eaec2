import { setTimeout as sleep } from "node:timers/promises";
import { formatReading, isBattError, isTransientError, type DevicePlugin } from "@batt/core";
import { integerValue } from "../args.js";
import type { CommandNode, OptionSpec } from "../command.js";
import { ExitCode } from "../exit-codes.js";
import { deviceLinkOptions, pluginOptionSpecs, pluginValues, withDeviceSession } from "./device-session.js";

const MONITOR_OPTIONS: readonly OptionSpec[] = [
  { name: "interval", type: "string", valueName: "MS", description: "time between readings", default: "1000" },
  { name: "count", type: "string", valueName: "N", description: "stop after N readings (default: until Ctrl-C)" },
];

/** Clears a terminal and puts the cursor home, so each reading replaces the last. */
const CLEAR_SCREEN = "\x1b[H\x1b[2J";

/**
 * `batt monitor <id>`: repeated readings, redrawn on a terminal or one reading envelope per line
 * with `--json`. A timeout or garbled reply is reported and monitoring goes on; other errors end it.
 */
export function deviceMonitorCommand(plugin: DevicePlugin): CommandNode {
  const base = [...MONITOR_OPTIONS, ...deviceLinkOptions(plugin)];
  const own = pluginOptionSpecs(plugin, [], base);
  return {
    kind: "command",
    name: plugin.id,
    summary: `watch a ${plugin.title} until Ctrl-C`,
    description: `Reads a ${plugin.title} every --interval ms and shows the latest values (JSON lines with --json) until Ctrl-C or --count readings.`,
    options: [...own, ...base],
    examples: [`batt monitor ${plugin.id} --sim --interval 500`, `batt monitor ${plugin.id} --port /dev/ttyUSB0 --json --count 10`],
    async run(context) {
      const interval = integerValue(context.values, "interval", 0, 86_400_000) ?? 1000;
      const count = integerValue(context.values, "count", 1, Number.MAX_SAFE_INTEGER);
      const json = context.values["json"] === true;
      const redraw = !json && context.out.stdout.isTTY === true;
      const { out, signal } = context;
      let failures = 0;
      await withDeviceSession(context, plugin, pluginValues(context.values, own), async (session) => {
        for (let n = 1; count === undefined || n <= count; n++) {
          if (n > 1) await sleep(interval, undefined, { signal });
          try {
            const reading = await session.read(signal);
            if (json) out.json(reading);
            else if (redraw) out.stdout.write(`${CLEAR_SCREEN}${plugin.title} · ${reading.time} · reading ${n} · Ctrl-C to stop\n\n${formatReading(reading)}\n`);
            else out.print(`# ${reading.time} reading ${n}\n${formatReading(reading)}`);
          } catch (error) {
            if (signal.aborted || !isBattError(error) || !isTransientError(error)) throw error;
            failures++;
            out.error(error.code, error.message, error);
          }
        }
      });
      return failures > 0 ? ExitCode.DeviceError : ExitCode.Ok;
    },
  };
}
