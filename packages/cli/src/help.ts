import type { GroupNode } from "./command.js";
import type { TextSink } from "./output.js";
import { helpText } from "./program.js";

/** Columns to wrap help to: the terminal's width, else `COLUMNS`, else 80 (at least 40). */
export function helpWidth(sink: TextSink, env: Readonly<Record<string, string | undefined>> = process.env): number {
  const fromEnv = Number(env["COLUMNS"]);
  const width = sink.isTTY && sink.columns ? sink.columns : Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : 80;
  return Math.max(40, width);
}

/**
 * `--help` text for a node of the command tree, generated from its definition by commander: usage
 * line, description, subcommands or options by section, examples; wrapped to `width` columns.
 */
export function formatHelp(root: GroupNode, path: readonly string[], width = 80): string {
  return helpText(root, path, { width });
}
