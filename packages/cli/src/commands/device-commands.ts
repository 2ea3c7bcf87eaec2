import { readFileSync, statSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { BattError, type DevicePlugin, type DeviceSession, type PluginCommand } from "@batt/core";
import { stringValue } from "../args.js";
import type { CommandNode, CommandTreeNode, GroupNode, OptionSpec } from "../command.js";
import { UsageError } from "../exit-codes.js";
import { colourWanted } from "../colour.js";
import { JSON_OPTION } from "../link-options.js";
import { presentResult, renderTable } from "../present.js";
import { ProgressBar } from "../progress.js";
import { usageArity } from "../usage-arity.js";
import { deviceLinkOptions, formatForPerson, pluginOptionSpecs, pluginValues, withDeviceSession } from "./device-session.js";

const YES_OPTION: OptionSpec = { name: "yes", type: "boolean", description: "confirm a command that changes the device" };
const OUTPUT_OPTION: OptionSpec = { name: "output", type: "string", valueName: "FILE", description: "write the result to FILE instead of printing it" };

/** What an offline command gets instead of a session: there is no device to read. */
const OFFLINE_SESSION: DeviceSession = {
  read: () => Promise.reject(new BattError("invalid-argument", "this command runs without a device")),
  close: () => Promise.resolve(),
};

/** Largest file an `@FILE` argument may name: arguments are documents (a backup), not images. */
const ARGUMENT_FILE_LIMIT = 4 * 1024 * 1024;

/** Arguments written `@FILE` stand for the file's text (a backup to restore, for instance). */
function expandFileArguments(args: readonly string[]): string[] {
  return args.map((arg) => {
    if (!arg.startsWith("@") || arg.length === 1) return arg;
    const path = arg.slice(1);
    try {
      const size = statSync(path).size;
      if (size > ARGUMENT_FILE_LIMIT) throw new UsageError(`${path} is too large for an argument file: ${size} bytes, at most ${ARGUMENT_FILE_LIMIT / 1024 / 1024} MiB`);
      return readFileSync(path, "utf8");
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw new UsageError(`cannot read ${path}: ${(error as Error).message}`);
    }
  });
}

/** Reads a file a command names (a firmware image); a file that cannot be read is a usage error. */
async function readNamedFile(path: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${(error as Error).message}`);
  }
}

/**
 * `batt <id> …`: the plugin's own subcommands. A name with spaces (`"settings get"`) becomes
 * nested words. A command that changes the device refuses to run without `--yes`.
 */
export function deviceCommandGroup(plugin: DevicePlugin): GroupNode {
  const root: MutableGroup = { kind: "group", name: plugin.id, summary: `${plugin.title} commands`, children: [] };
  for (const command of plugin.commands ?? []) {
    const words = command.name.trim().split(/\s+/);
    let group = root;
    for (const word of words.slice(0, -1)) {
      let next = group.children.find((c): c is MutableGroup => c.kind === "group" && c.name === word);
      if (!next) {
        next = { kind: "group", name: word, summary: `${word} commands`, children: [] };
        group.children.push(next);
      }
      group = next;
    }
    group.children.push(pluginCommand(plugin, command, words));
  }
  return root;
}

/** The CLI's one style for one-line summaries: lower case first (unless an acronym), no full stop. */
function sentenceCase(text: string): string {
  const trimmed = text.trim().replace(/\.$/, "");
  return /^[A-Z][a-z]/.test(trimmed) ? `${trimmed[0]!.toLowerCase()}${trimmed.slice(1)}` : trimmed;
}

interface MutableGroup extends GroupNode {
  readonly children: CommandTreeNode[];
}

function pluginCommand(plugin: DevicePlugin, command: PluginCommand, words: readonly string[]): CommandNode {
  const mayChange = command.changesDevice !== false;
  // A command that needs no device (`settings list`) has no link options.
  const base = [...(mayChange ? [YES_OPTION] : []), OUTPUT_OPTION, ...(command.offline === true ? [JSON_OPTION] : deviceLinkOptions(plugin))];
  const own = pluginOptionSpecs(plugin, command.options ?? [], base);
  const fullName = `batt ${plugin.id} ${words.join(" ")}`;
  const summary = sentenceCase(command.summary);
  return {
    kind: "command",
    name: words[words.length - 1]!,
    summary: summary + (command.changesDevice === true ? " (changes the device; needs --yes)" : mayChange ? " (may change the device; then needs --yes)" : ""),
    ...(command.usage !== undefined ? { usage: command.usage } : {}),
    description: `${command.summary.replace(/\.$/, "")}.${command.changesDevice === true ? " It changes the device, so it needs --yes." : mayChange ? " With some options it changes the device, and then it needs --yes." : ""} An argument written @FILE stands for the text of FILE.`,
    // The synopsis says how many arguments the command takes; more are refused before anything runs.
    positionals: usageArity(command.usage),
    options: [...own, ...base],
    async run(context) {
      const options = pluginValues(context.values, own);
      const changes = typeof command.changesDevice === "function" ? command.changesDevice(options) : command.changesDevice;
      if (changes && context.values["yes"] !== true) {
        const what = command.summary.replace(/\.$/, "");
        const asked = [fullName, ...context.positionals].join(" ");
        throw new UsageError(`"${asked}" would change the device: ${what[0]!.toLowerCase()}${what.slice(1)}. Nothing was sent; add --yes to go ahead.`);
      }
      // Arguments, options and files are checked before the link opens: a mistake sends nothing.
      const args = expandFileArguments(context.positionals);
      const input: unknown = command.prepare ? await command.prepare(args, options, { readFile: readNamedFile }) : undefined;
      const bar = new ProgressBar(context.out.stderr);
      const work = (session: DeviceSession): Promise<unknown> =>
        command.run({
          session,
          args,
          options,
          input,
          signal: context.signal,
          log: (message) => {
            bar.end();
            context.out.note(message);
          },
          readFile: readNamedFile,
          progress: (done, total, label) => bar.update(done, total, label),
        });
      const result = await (command.offline === true ? work(OFFLINE_SESSION) : withDeviceSession(context, plugin, options, work)).finally(() => bar.end());
      if (result === undefined) return;
      const file = stringValue(context.values, "output");
      if (file !== undefined) {
        const text = formatForPerson(result);
        writeFileSync(file, text.endsWith("\n") ? text : `${text}\n`);
        context.out.note(`wrote ${file}`);
      } else if (context.values["json"] === true) context.out.json(result);
      else {
        const colour = colourWanted(context.out.stdout);
        context.out.print(command.table ? renderTable(command.table(result, options), colour) : presentResult(result, colour));
      }
    },
  };
}
