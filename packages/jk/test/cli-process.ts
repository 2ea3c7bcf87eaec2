import type { ChildProcess } from "node:child_process";
import type { PtyPair } from "@batt/transport-node/testing";
import { expect } from "vitest";
import { batt, finished, untilSays, type Finished } from "@batt/test-support/cli-process";
import type { PackOptions } from "../src/simulator/index.js";

// The real `batt` command in child processes, for the end-to-end tests over socat pseudo-terminal pairs.

/** The pack `batt sim jk` simulates (16 LiFePO4 cells of 100 Ah at 50 %, an 8 A load), to build the expected values. */
export const SIM_PACK: PackOptions = { current: -8 };
/** CLI pacing for the tests: the simulator needs no gap between requests and no pause after the password frame. */
export const FAST_ARGS: readonly string[] = ["--gap", "0", "--password-delay", "0", "--timeout", "500"];
/** The same pacing for drivers built in the test process. */
export const FAST = { minGapMs: 0, timeoutMs: 500 } as const;

/** Runs `batt <args> --port <port>` with fast pacing to the end. */
export function run(port: string, ...args: string[]): Promise<Finished> {
  return finished(batt([...args, "--port", port, ...FAST_ARGS]));
}

/** Runs it with `--json` and parses stdout, after checking that it succeeded. */
export async function json<T>(port: string, ...args: string[]): Promise<T> {
  const result = await run(port, ...args, "--json");
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as T;
}

/** A `batt sim jk` process. */
export interface SimulatorProcess {
  readonly process: ChildProcess;
  /** Resolves when it exits. */
  readonly done: Promise<Finished>;
}

/** `batt sim jk --port <a> …` in its own process, resolved once it says it is serving. */
export async function startSimulator(pair: PtyPair, args: readonly string[]): Promise<SimulatorProcess> {
  const child = batt(["sim", "jk", "--port", pair.a, ...args]);
  const done = finished(child);
  await untilSays(child, "stderr", /simulating JK BMS on .*; Ctrl-C to stop/);
  return { process: child, done };
}

/** The refusal of a device-changing command without --yes (exit 2, nothing sent). */
export function expectRefused(result: Finished): void {
  expect(result.code).toBe(2);
  expect(result.stdout).toBe("");
  expect(result.stderr).toMatch(/would change the device.*Nothing was sent; add --yes/);
}
