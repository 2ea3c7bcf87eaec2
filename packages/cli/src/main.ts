import { readFileSync } from "node:fs";
import { isBattError, type DevicePlugin } from "@batt/core";
import { buildCommandTree } from "./commands/tree.js";
import { ExitCode, UsageError } from "./exit-codes.js";
import { helpWidth } from "./help.js";
import { Output, type TextSink } from "./output.js";
import { discoverPlugins } from "./plugins.js";
import { parseCommandLine } from "./program.js";
import { sharedDemoDevice, type DemoModbusDevice } from "./sim/demo-modbus-device.js";

/** How {@link main} meets the world; every field has a default for the real command. */
export interface MainOptions {
  /** Results (default `process.stdout`). */
  readonly stdout?: TextSink;
  /** Notes, traces, errors (default `process.stderr`). */
  readonly stderr?: TextSink;
  /** Cancels the command, as Ctrl-C does; the exit code is then 130. */
  readonly signal?: AbortSignal;
  /** Device plugins (default: discovered from the CLI's `@batt/*` dependencies). */
  readonly plugins?: readonly DevicePlugin[];
  /** The simulated Modbus device behind `modbus … --sim` (default: one per process, so state persists between calls). */
  readonly demoDevice?: DemoModbusDevice;
}

/**
 * Runs the `batt` command with `argv` (without `node` and the script) and resolves with the exit
 * code: 0 success, 1 device or link error, 2 usage error, 130 interrupted. Never throws for
 * errors a user can cause; they are printed as `batt: <code>: <message>`.
 *
 * @example
 * ```ts
 * process.exitCode = await main(["modbus", "read", "--sim", "--count", "4"]);
 * ```
 */
export async function main(argv: readonly string[], options: MainOptions = {}): Promise<ExitCode> {
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const verbose = argv.includes("--verbose") || argv.includes("-v");
  const out = new Output(stdout, stderr, verbose);
  const signal = options.signal ?? new AbortController().signal;
  const plugins = options.plugins ?? (await discoverPlugins({ warn: (m) => out.note(`batt: warning: ${m}`) }));
  const root = buildCommandTree(plugins);

  let parsed;
  try {
    parsed = parseCommandLine(argv, root, { width: helpWidth(stdout) });
  } catch (error) {
    return reportUsage(out, error);
  }
  if (parsed.kind === "version") {
    out.print(version());
    return ExitCode.Ok;
  }
  if (parsed.kind === "help") {
    out.print(parsed.text);
    return ExitCode.Ok;
  }

  try {
    const code = await parsed.command.run({
      values: parsed.values,
      positionals: parsed.positionals,
      argv,
      out,
      signal,
      plugins,
      demoDevice: () => options.demoDevice ?? sharedDemoDevice(),
    });
    return (code ?? ExitCode.Ok) as ExitCode;
  } catch (error) {
    if (error instanceof UsageError) return reportUsage(out, new UsageError(error.message, error.commandPath.length > 0 ? error.commandPath : parsed.path));
    if (signal.aborted) return ExitCode.Interrupted;
    if (isBattError(error, "invalid-argument")) {
      // Refused before anything was sent: a bad value on the command line, not a device problem.
      out.error(error.code, error.message, error);
      return ExitCode.Usage;
    }
    if (isBattError(error)) {
      out.error(error.code, error.message, error);
    } else {
      out.error("error", error instanceof Error ? error.message : String(error), error);
    }
    return ExitCode.DeviceError;
  }
}

function reportUsage(out: Output, error: unknown): ExitCode {
  if (!(error instanceof UsageError)) throw error;
  out.error("usage", error.message);
  out.note(`Run "${["batt", ...error.commandPath, "--help"].join(" ")}" for usage.`);
  return ExitCode.Usage;
}

function version(): string {
  const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
  return manifest.version;
}
