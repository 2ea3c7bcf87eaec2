import { Command, CommanderError, Option, type Help } from "commander";
import { GLOBAL_OPTIONS } from "./args.js";
import type { CommandNode, CommandTreeNode, GroupNode, OptionSpec, OptionValues } from "./command.js";
import { UsageError } from "./exit-codes.js";
import { suggest } from "./suggest.js";

/** What the command line asked for. */
export type ParsedCommandLine =
  | {
      /** Run a command. */
      readonly kind: "run";
      readonly command: CommandNode;
      /** Words that led to the command (`["modbus", "read"]`). */
      readonly path: readonly string[];
      readonly values: OptionValues;
      readonly positionals: readonly string[];
    }
  | {
      /** Show help (`--help`, `batt help <command>`): the text, already wrapped. */
      readonly kind: "help";
      readonly path: readonly string[];
      readonly text: string;
    }
  | { readonly kind: "version" };

/** How help is laid out. */
export interface HelpLayout {
  /** Columns to wrap help text to (the terminal's width; 80 elsewhere). */
  readonly width: number;
}

/**
 * Parses `argv` against the command tree with commander: subcommand words from the root, then the
 * options and arguments of the command found. `batt help <words…>` is `batt <words…> --help`.
 * Commander brings suggestions for mistyped commands and options, help wrapped to `layout.width`
 * at word boundaries, `--name=value`, and negative numbers as values.
 *
 * @throws UsageError on an unknown command or option, a missing value or subcommand, or a wrong
 *   number of positional arguments.
 */
export function parseCommandLine(argv: readonly string[], root: GroupNode, layout: HelpLayout = { width: 80 }): ParsedCommandLine {
  const words = argv[0] === "help" && !root.children.some((c) => c.name === "help") ? [...argv.slice(1), "--help"] : [...argv];
  const capture: Capture = { out: "", path: [] };
  const program = buildCommand(root, [], layout, capture);
  try {
    program.parse(expandOptionalValues(words, root), { from: "user" });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    if (error.code === "commander.helpDisplayed") return { kind: "help", path: capture.path, text: capture.out };
    if (error.code === "commander.version") return { kind: "version" };
    throw usageError(error, capture);
  }
  if (!capture.result) throw new UsageError("no command given", []);
  return capture.result;
}

/**
 * The `--help` text of one node, as `batt <path…> --help` prints it.
 */
export function helpText(root: GroupNode, path: readonly string[], layout: HelpLayout = { width: 80 }): string {
  const parsed = parseCommandLine([...path, "--help"], root, layout);
  return parsed.kind === "help" ? parsed.text : "";
}

/** How a subcommand is listed in its parent's help (`write <value…>`, `modbus …`). */
const terms = new WeakMap<Command, string>();

interface Capture {
  out: string;
  /** Path of the deepest command commander reached (for messages and help). */
  path: readonly string[];
  /** The node an unknown word was looked up in. */
  group?: GroupNode;
  result?: ParsedCommandLine;
}

function buildCommand(node: CommandTreeNode, path: readonly string[], layout: HelpLayout, capture: Capture): Command {
  const command = new Command(node.name || "batt");
  command
    .exitOverride()
    .configureOutput({
      writeOut: (text) => (capture.out += text),
      writeErr: () => undefined,
      outputError: () => undefined,
      getOutHelpWidth: () => layout.width,
      getErrHelpWidth: () => layout.width,
    })
    .showSuggestionAfterError(true)
    .configureHelp({ subcommandTerm: (sub) => terms.get(sub) ?? sub.name(), formatItem: (term, termWidth, description, helper) => formatItem(term, termWidth, description, helper, layout.width), minWidthToWrap: 10 })
    .addHelpOption(new Option("-h, --help", "show help for the command and exit").helpGroup(GLOBAL))
    .summary(node.summary)
    .description(node.description ?? node.summary)
    .hook("preSubcommand", (_thisCommand, sub) => {
      capture.path = [...path, sub.name()];
    });
  if (path.length === 0) command.helpCommand("help [command...]", "show help for a command");
  else command.helpCommand(false);
  if (node.kind === "group") {
    const label = node.childLabel ?? "command";
    command.usage(`<${label}> …`).allowExcessArguments(true);
    terms.set(command, `${node.name} …`);
    for (const child of node.children) {
      const sub = buildCommand(child, [...path, child.name], layout, capture);
      command.addCommand(sub, { hidden: child.hidden === true });
    }
    if (label !== "command") command.commandsGroup(`${label[0]!.toUpperCase()}${label.slice(1)}s:`);
    addGlobalOptions(command, path);
    if (node.children.length > 0) command.addHelpText("after", `\n${wrapWords(`Run "${["batt", ...path].join(" ")} <${label}> --help" for the options of a ${label}.`, layout.width)}`);
    command.action(() => {
      capture.group = node;
      const operand = command.args[0];
      if (operand === undefined) throw new UsageError(path.length > 0 ? `"batt ${path.join(" ")}" needs a ${label === "command" ? "subcommand" : label}` : "no command given", path);
      throw unknownWord(node, path, operand);
    });
    return command;
  }
  terms.set(command, [node.name, node.usage].filter(Boolean).join(" "));
  command.usage([node.usage, node.options.length > 0 ? "[options]" : undefined].filter(Boolean).join(" "));
  command.allowExcessArguments(true).allowUnknownOption(false);
  for (const spec of node.options) command.addOption(toOption(spec));
  addGlobalOptions(command, path);
  if (node.examples && node.examples.length > 0) command.addHelpText("after", `\nExamples:\n${node.examples.map((e) => `  ${e}`).join("\n")}`);
  command.action(() => {
    const positionals = command.args;
    const limits = node.positionals ?? { min: 0, max: 0 };
    if (positionals.length < limits.min) throw new UsageError(`missing argument${node.usage ? `: ${node.usage}` : ""}`, path);
    if (positionals.length > limits.max) {
      const extra = positionals.slice(limits.max).join(" ");
      throw new UsageError(
        limits.max === 0 ? `unexpected argument "${extra}" (this command takes none)` : `too many arguments: "${extra}" (${node.usage ?? "none"})`,
        path,
      );
    }
    const values: Record<string, string | boolean | undefined> = {};
    for (const spec of [...node.options, ...GLOBAL_OPTIONS]) {
      const value = command.getOptionValue(camel(spec.name)) as string | boolean | undefined;
      values[spec.name] = spec.optionalValue && value === "" ? true : value;
    }
    // A global switch may be given before the command's words (`batt -v read jbd`).
    for (let parent = command.parent; parent; parent = parent.parent) if (parent.getOptionValue("verbose") === true) values["verbose"] = true;
    capture.result = { kind: "run", command: node, path, values, positionals };
  });
  return command;
}

/**
 * One row of help: term and description side by side, the description wrapped at word boundaries.
 * The term column is at most a third of the width; a longer term gets its own (wrapped) line with
 * the description below it, so nothing is cut and no line is wider than the screen.
 */
function formatItem(term: string, termWidth: number, description: string, helper: Help, width: number): string {
  const column = Math.min(termWidth, Math.max(16, Math.floor(width / 3)));
  const indent = 2;
  const descriptionWidth = Math.max(20, width - indent - column - 2);
  const wrapped = description ? helper.boxWrap(description, descriptionWidth).split("\n") : [];
  const pad = " ".repeat(indent + column + 2);
  if (term.length <= column) {
    const [first = "", ...rest] = wrapped;
    return [`${" ".repeat(indent)}${term.padEnd(column)}  ${first}`.trimEnd(), ...rest.map((line) => `${pad}${line}`)].join("\n");
  }
  const termLines = helper.boxWrap(term, width - indent).split("\n").map((line) => `${" ".repeat(indent)}${line}`);
  return [...termLines, ...wrapped.map((line) => `${pad}${line}`)].join("\n");
}

/** Plain text wrapped at spaces to `width` columns. */
function wrapWords(text: string, width: number): string {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line !== "" && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  return [...lines, line].join("\n");
}

const GLOBAL = "Global options:";

/** `--verbose` everywhere, `--version` on `batt` itself; listed last, under one heading. */
function addGlobalOptions(command: Command, path: readonly string[]): void {
  for (const spec of GLOBAL_OPTIONS) {
    if (spec.name === "help" || spec.name === "version") continue;
    command.addOption(toOption(spec));
  }
  if (path.length === 0) {
    command.version("", "--version", "print the version and exit");
    command.options.find((o) => o.long === "--version")?.helpGroup(GLOBAL);
  }
}

function toOption(spec: OptionSpec): Option {
  const name = valueName(spec);
  const value = spec.type === "string" ? (spec.optionalValue ? ` [${name}]` : ` <${name}>`) : "";
  const description = spec.defaultText !== undefined ? `${spec.description} (default: ${spec.defaultText})` : spec.description;
  const option = new Option(`${spec.short ? `-${spec.short}, ` : ""}--${spec.name}${value}`, description);
  if (spec.default !== undefined && spec.default !== false) option.default(spec.default, String(spec.default));
  option.helpGroup(`${spec.section ?? "Options"}:`);
  return option;
}

/** One style for value names: lower case (`<path>`, `<host:port>`), except units (`<A>`, `<V,V,…>`). */
function valueName(spec: OptionSpec): string {
  const name = spec.valueName ?? spec.name;
  return /^(N|[A-Z][A-Z_:|-]+)$/.test(name) ? name.toLowerCase() : name;
}

/** Commander's attribute name for an option (`data-bits` → `dataBits`). */
function camel(name: string): string {
  return name.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
}

/**
 * An option whose value is optional (`--hid`) takes the next word only when it looks like its
 * value; otherwise it is written `--hid=` so commander does not take the next word.
 */
function expandOptionalValues(argv: readonly string[], root: GroupNode): string[] {
  const specs = new Map<string, RegExp>();
  const visit = (node: CommandTreeNode): void => {
    if (node.kind === "group") node.children.forEach(visit);
    else for (const s of node.options) if (s.optionalValue) specs.set(`--${s.name}`, s.optionalValue);
  };
  visit(root);
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    const pattern = specs.get(token);
    const next = argv[i + 1];
    if (token === "--") {
      out.push(...argv.slice(i));
      break;
    }
    out.push(pattern && !(next !== undefined && pattern.test(next)) ? `${token}=` : token);
  }
  return out;
}

function unknownWord(node: GroupNode, path: readonly string[], word: string): UsageError {
  const label = node.childLabel ?? "command";
  const names = node.children.map((c) => c.name);
  const close = suggest(word, names);
  const where = path.length > 0 ? `"batt ${path.join(" ")}"` : "batt";
  const hint = close.length > 0 ? ` Did you mean ${close.join(" or ")}?` : names.length > 0 && names.length <= 12 ? ` ${label[0]!.toUpperCase()}${label.slice(1)}s: ${names.join(", ")}.` : "";
  return new UsageError(`unknown ${label} "${word}" for ${where}.${hint}`, path);
}

function usageError(error: CommanderError, capture: Capture): UsageError {
  const message = error.message
    .replace(/^error: /, "")
    .replace(/\n\(Did you mean (.*)\?\)/, ". Did you mean $1?")
    .replace(/'/g, '"');
  return new UsageError(message, capture.path);
}
