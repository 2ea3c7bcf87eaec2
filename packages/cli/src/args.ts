import type { CommandNode, CommandTreeNode, GroupNode, OptionSpec, OptionValues } from "./command.js";
import { UsageError } from "./exit-codes.js";

/** Options every command accepts. */
export const GLOBAL_OPTIONS: readonly OptionSpec[] = [
  { name: "help", short: "h", type: "boolean", description: "show help for the command and exit", section: "Global options" },
  { name: "verbose", short: "v", type: "boolean", description: "trace bytes sent and received; show raw bytes on errors", section: "Global options" },
  { name: "version", type: "boolean", description: "print the version and exit", section: "Global options" },
];

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
      /** Show help for a node (`--help`). */
      readonly kind: "help";
      readonly node: CommandTreeNode;
      readonly path: readonly string[];
    }
  | { readonly kind: "version" };

/**
 * Parses `argv` against the command tree: walks subcommand words from the root, then reads the
 * options of the command that was found. Accepts `--name value`, `--name=value`, `-h`, and `--`
 * to end options. A token such as `-5` is a positional value, so negative numbers need no quoting.
 *
 * @throws UsageError on an unknown command or option, a missing value or subcommand, or a wrong
 *   number of positional arguments.
 */
export function parseCommandLine(argv: readonly string[], root: GroupNode): ParsedCommandLine {
  let node: CommandTreeNode = root;
  const path: string[] = [];
  const raw: Record<string, string | boolean> = {};
  const positionals: string[] = [];
  let optionsEnded = false;

  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    if (!optionsEnded && token === "--") {
      optionsEnded = true;
      continue;
    }
    const isOption = !optionsEnded && token.startsWith("-") && token !== "-" && !/^-\d/.test(token);
    if (isOption) {
      const specs = optionsOf(node);
      const { spec, inline } = findOption(token, specs, path);
      if (spec.type === "boolean") {
        if (inline !== undefined) throw new UsageError(`option --${spec.name} takes no value`, path);
        raw[spec.name] = true;
      } else if (inline !== undefined) {
        raw[spec.name] = inline;
      } else if (spec.optionalValue && !(argv[i + 1] !== undefined && spec.optionalValue.test(argv[i + 1]!))) {
        raw[spec.name] = true;
      } else {
        const next = argv[i + 1];
        if (next === undefined) throw new UsageError(`option --${spec.name} needs a value${spec.valueName ? ` (${spec.valueName})` : ""}`, path);
        raw[spec.name] = next;
        i++;
      }
      continue;
    }
    if (node.kind === "group") {
      const child: CommandTreeNode | undefined = node.children.find((c) => c.name === token);
      if (!child) {
        if (raw["help"] === true) break; // `batt --help foo`: show what exists
        const where = path.length > 0 ? `"batt ${path.join(" ")}"` : "batt";
        throw new UsageError(`unknown command "${token}" for ${where}`, path);
      }
      node = child;
      path.push(token);
      continue;
    }
    positionals.push(token);
  }

  if (raw["help"] === true) return { kind: "help", node, path };
  if (raw["version"] === true) return { kind: "version" };
  if (node.kind === "group") {
    throw new UsageError(path.length > 0 ? `"batt ${path.join(" ")}" needs a subcommand` : "no command given", path);
  }
  const limits = node.positionals ?? { min: 0, max: 0 };
  if (positionals.length < limits.min) {
    throw new UsageError(`missing argument${node.usage ? `: ${node.usage}` : ""}`, path);
  }
  if (positionals.length > limits.max) {
    const extra = positionals[limits.max]!;
    throw new UsageError(limits.max === 0 ? `unexpected argument "${extra}"` : `too many arguments (from "${extra}")`, path);
  }
  const values: Record<string, string | boolean | undefined> = {};
  for (const spec of optionsOf(node)) values[spec.name] = raw[spec.name] ?? spec.default;
  return { kind: "run", command: node, path, values, positionals };
}

/** The options a node accepts: its own plus the global ones (groups take only global options). */
export function optionsOf(node: CommandTreeNode): readonly OptionSpec[] {
  return node.kind === "command" ? [...node.options, ...GLOBAL_OPTIONS] : GLOBAL_OPTIONS;
}

function findOption(token: string, specs: readonly OptionSpec[], path: readonly string[]): { spec: OptionSpec; inline?: string } {
  if (token.startsWith("--")) {
    const eq = token.indexOf("=");
    const name = eq < 0 ? token.slice(2) : token.slice(2, eq);
    const spec = specs.find((s) => s.name === name);
    if (!spec) throw new UsageError(`unknown option --${name}`, path);
    return eq < 0 ? { spec } : { spec, inline: token.slice(eq + 1) };
  }
  const letter = token.slice(1);
  const spec = specs.find((s) => s.short === letter);
  if (!spec) throw new UsageError(`unknown option ${token}`, path);
  return { spec };
}

/**
 * Parses an integer written in decimal or as `0x` hex, within `[min, max]`.
 *
 * @throws UsageError naming the option when the text is not such a number.
 */
export function parseInteger(text: string, what: string, min: number, max: number): number {
  const trimmed = text.trim();
  const match = /^(-?)(0x[0-9a-f]+|\d+)$/i.exec(trimmed);
  const value = match ? (match[1] === "-" ? -1 : 1) * Number(match[2]) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(`${what}: expected an integer ${formatRange(min, max)}, got "${text}"`);
  }
  return value;
}

function formatRange(min: number, max: number): string {
  return max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `${min}..${max}`;
}

/** A string option's value, or `undefined` when it is absent. */
export function stringValue(values: OptionValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === "string" ? value : undefined;
}

/** An integer option's value (decimal or `0x` hex), checked against `[min, max]`. */
export function integerValue(values: OptionValues, name: string, min: number, max: number): number | undefined {
  const text = stringValue(values, name);
  return text === undefined ? undefined : parseInteger(text, `--${name}`, min, max);
}

/** One of a fixed set of words. */
export function choiceValue<T extends string>(values: OptionValues, name: string, choices: readonly T[]): T | undefined {
  const text = stringValue(values, name);
  if (text === undefined) return undefined;
  const lower = text.toLowerCase();
  const found = choices.find((c) => c === lower);
  if (!found) throw new UsageError(`--${name}: expected one of ${choices.join(", ")}, got "${text}"`);
  return found;
}
