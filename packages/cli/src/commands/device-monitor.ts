import { setTimeout as sleep } from "node:timers/promises";
import { BattError, formatReading, isBattError, isTransientError, type DevicePlugin } from "@batt/core";
import { createWriteStream, existsSync, readFileSync, type WriteStream } from "node:fs";
import { choiceValue, integerValue, stringValue } from "../args.js";
import type { CommandNode, OptionSpec } from "../command.js";
import { ExitCode } from "../exit-codes.js";
import { toJson } from "../output.js";
import { CsvReadingLog, fitWidth, type LogFormat } from "../reading-log.js";
import { deviceLinkOptions, pluginOptionSpecs, pluginValues, withDeviceSession } from "./device-session.js";

const MONITOR_OPTIONS: readonly OptionSpec[] = [
  {
    name: "interval",
    type: "string",
    valueName: "MS",
    description: "time between readings",
    default: "1000",
  },
  {
    name: "count",
    type: "string",
    valueName: "N",
    description: "stop after N readings",
    defaultText: "until Ctrl-C",
  },
  {
    name: "format",
    type: "string",
    valueName: "table|jsonl|csv",
    description: "a screen for people, one JSON reading per line, or CSV (header once)",
    defaultText: "table; jsonl with --json",
  },
  {
    name: "output",
    type: "string",
    valueName: "FILE",
    description: "write the readings to FILE (e.g. --format csv for a spreadsheet); the screen shows progress",
  },
  {
    name: "append",
    type: "boolean",
    description: "add to the --output FILE instead of replacing it (a CSV keeps the file's columns and header)",
  },
];

/** The first line of a file, or undefined when it is missing or empty. */
function firstLine(file: string): string | undefined {
  if (!existsSync(file)) return undefined;
  const text = readFileSync(file, "utf8");
  return text === "" ? undefined : text.slice(0, text.search(/\r?\n|$/));
}

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
    examples: [
      `batt monitor ${plugin.id} --sim --interval 500`,
      `batt monitor ${plugin.id} --port /dev/ttyUSB0 --json --count 10`,
      `batt monitor ${plugin.id} --sim --format csv --output log.csv`,
      `batt monitor ${plugin.id} --sim --format csv --output log.csv --append`,
    ],
    async run(context) {
      const interval = integerValue(context.values, "interval", 0, 86_400_000) ?? 1000;
      const count = integerValue(context.values, "count", 1, Number.MAX_SAFE_INTEGER);
      const format: LogFormat =
        choiceValue(context.values, "format", ["table", "jsonl", "csv"] as const) ?? (context.values["json"] === true ? "jsonl" : "table");
      const file = stringValue(context.values, "output");
      const append = context.values["append"] === true;
      // Checked before the link opens: a usage error sends nothing.
      if (append && file === undefined) throw new BattError("invalid-argument", "--append needs --output FILE");
      const header = append && format === "csv" ? firstLine(file!) : undefined;
      const csv = header !== undefined ? CsvReadingLog.continuing(header, file!) : new CsvReadingLog();
      const { out, signal } = context;
      const redraw = format === "table" && file === undefined && out.stdout.isTTY === true;
      let log: WriteStream | undefined;
      const write = (text: string): void => {
        if (log) log.write(text);
        else out.stdout.write(text);
      };
      let failures = 0;
      try {
        await withDeviceSession(context, plugin, pluginValues(context.values, own), async (session) => {
          if (file !== undefined) log = createWriteStream(file, { flags: append ? "a" : "w" });
          for (let n = 1; count === undefined || n <= count; n++) {
            if (n > 1) await sleep(interval, undefined, { signal });
            try {
              const reading = await session.read(signal);
              if (format === "jsonl") write(`${toJson(reading)}\n`);
              else if (format === "csv") write(csv.lines(reading));
              else if (redraw)
                write(
                  `${CLEAR_SCREEN}${fitWidth(
                    `${plugin.title} · ${reading.time} · reading ${n} · Ctrl-C to stop\n\n${formatReading(reading)}`,
                    out.stdout.columns
                  )}\n`
                );
              else write(`# ${reading.time} reading ${n}\n${formatReading(reading)}\n`);
              if (file !== undefined) out.note(`reading ${n}${count !== undefined ? ` of ${count}` : ""} at ${reading.time} → ${file}`);
            } catch (error) {
              if (signal.aborted || !isBattError(error) || !isTransientError(error)) throw error;
              failures++;
              out.error(error.code, error.message, error);
            }
          }
        });
      } finally {
        if (log) await new Promise<void>((resolve) => log!.end(resolve));
      }
      return failures > 0 ? ExitCode.DeviceError : ExitCode.Ok;
    },
  };
}
