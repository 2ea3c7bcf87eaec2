import { optionsOf } from "./args.js";
import type { CommandTreeNode, OptionSpec } from "./command.js";

/**
 * `--help` text for a node of the command tree, generated from its definition: usage line,
 * description, subcommands or options by section, examples.
 */
export function formatHelp(node: CommandTreeNode, path: readonly string[]): string {
  const name = ["batt", ...path].join(" ");
  const lines: string[] = [];
  if (node.kind === "group") {
    const label = node.childLabel ?? "command";
    lines.push(`Usage: ${name} <${label}> …`, "");
    lines.push(node.description ?? node.summary, "");
    lines.push(`${label[0]!.toUpperCase()}${label.slice(1)}s:`);
    const rows = node.children.map((c): [string, string] => [c.kind === "group" ? `${c.name} …` : c.name + (c.usage ? ` ${c.usage}` : ""), c.summary]);
    lines.push(...(rows.length > 0 ? columns(rows) : ["  (none)"]));
    lines.push("");
  } else {
    const usage = [name, node.usage, node.options.length > 0 ? "[options]" : undefined].filter(Boolean).join(" ");
    lines.push(`Usage: ${usage}`, "");
    lines.push(node.description ?? node.summary, "");
  }
  const sections = new Map<string, OptionSpec[]>();
  for (const spec of optionsOf(node)) {
    const section = spec.section ?? "Options";
    sections.set(section, [...(sections.get(section) ?? []), spec]);
  }
  for (const [section, specs] of sections) {
    lines.push(`${section}:`);
    lines.push(...columns(specs.map((s) => [optionSynopsis(s), describe(s)])));
    lines.push("");
  }
  if (node.kind === "command" && node.examples && node.examples.length > 0) {
    lines.push("Examples:", ...node.examples.map((e) => `  ${e}`), "");
  }
  if (node.kind === "group" && node.children.length > 0) {
    const label = node.childLabel ?? "command";
    lines.push(`Run "${name} <${label}> --help" for the options of a ${label}.`);
  }
  return lines.join("\n").trimEnd() + "\n";
}

function optionSynopsis(spec: OptionSpec): string {
  const long = `--${spec.name}${spec.type === "string" ? ` ${spec.valueName ?? "VALUE"}` : ""}`;
  return spec.short ? `-${spec.short}, ${long}` : `    ${long}`;
}

function describe(spec: OptionSpec): string {
  const shown = spec.defaultText ?? (spec.default === undefined || spec.default === false ? undefined : String(spec.default));
  return shown === undefined ? spec.description : `${spec.description} (default ${shown})`;
}

function columns(rows: readonly (readonly [string, string])[]): string[] {
  const width = Math.min(32, Math.max(0, ...rows.map(([left]) => left.length)));
  return rows.map(([left, right]) => (left.length > width ? `  ${left}\n  ${" ".repeat(width)}  ${right}` : `  ${left.padEnd(width)}  ${right}`));
}
