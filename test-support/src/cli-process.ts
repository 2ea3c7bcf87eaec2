// Child processes for end-to-end tests: the `batt` command and test fixtures run from sources
// (tsx with the `@batt/source` condition, no build), from the repository root.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";

/** The repository root, with a trailing slash. */
export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** tsx, which runs TypeScript entry points from sources. */
export const TSX = `${REPO_ROOT}node_modules/.bin/tsx`;
/** The `batt` command's entry point. */
export const BATT_BIN = `${REPO_ROOT}packages/cli/src/bin.ts`;

/** How a process ended, with everything it printed. */
export interface Finished {
  /** Exit code (null when killed by a signal). */
  code: number | null;
  /** Standard output. */
  stdout: string;
  /** Standard error. */
  stderr: string;
}

/** Options for {@link spawnSource} and {@link batt}. */
export interface SpawnOptions {
  /**
   * Standard input (default `ignore`). `pipe` keeps it open for the life of the test, for fixtures
   * that stop when their standard input closes.
   */
  readonly stdin?: "pipe" | "ignore";
}

/** Starts a TypeScript entry point and its arguments from sources, in the repository root, with NO_COLOR=1. */
export function spawnSource(args: readonly string[], options: SpawnOptions = {}): ChildProcess {
  return spawn(TSX, ["--conditions=@batt/source", ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, NO_COLOR: "1" },
    stdio: [options.stdin ?? "ignore", "pipe", "pipe"],
  });
}

/** Starts `batt <args>` from sources. */
export function batt(args: readonly string[], options: SpawnOptions = {}): ChildProcess {
  return spawnSource([BATT_BIN, ...args], options);
}

/**
 * Resolves once the process has printed `text` on `stream` (text it contains, or a pattern it
 * matches, across chunks); rejects with what it printed when it exits first.
 */
export function untilSays(child: ChildProcess, stream: "stdout" | "stderr", text: string | RegExp): Promise<void> {
  let seen = "";
  return new Promise<void>((resolve, reject) => {
    child[stream]!.setEncoding("utf8").on("data", (chunk: string) => {
      seen += chunk;
      if (typeof text === "string" ? seen.includes(text) : text.test(seen)) resolve();
    });
    child.once("exit", (code) => reject(new Error(`process exited (${code}) before saying ${String(text)}: ${seen}`)));
  });
}

/** Collects a process's output until it exits. */
export async function finished(child: ChildProcess): Promise<Finished> {
  let stdout = "";
  let stderr = "";
  child.stdout!.setEncoding("utf8").on("data", (t: string) => (stdout += t));
  child.stderr!.setEncoding("utf8").on("data", (t: string) => (stderr += t));
  const [code] = (await once(child, "exit")) as [number | null];
  return { code, stdout, stderr };
}

/** Ends a process that is still running (SIGTERM unless told otherwise) and waits until it has exited. */
export async function endProcess(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill(signal);
  await exited;
}
