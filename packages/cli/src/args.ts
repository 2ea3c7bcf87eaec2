import type { OptionSpec, OptionValues } from "./command.js";
import { UsageError } from "./exit-codes.js";

/** Options every command accepts. */
export const GLOBAL_OPTIONS: readonly OptionSpec[] = [
  { name: "help", short: "h", type: "boolean", description: "show help for the command and exit", section: "Global options" },
  { name: "verbose", short: "v", type: "boolean", description: "trace bytes sent and received; show raw bytes on errors", section: "Global options" },
  { name: "version", type: "boolean", description: "print the version and exit", section: "Global options" },
];

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
