import type { ChildProcess } from "node:child_process";
import { createPtyPair, type PtyPair } from "@batt/transport-node/testing";
import { afterEach } from "vitest";
import { spawnSource, endProcess, type SpawnOptions } from "./cli-process.js";

/** What {@link endToEndScope} gives a test file: resources that are released after each test. */
export interface EndToEndScope {
  /** Starts a TypeScript entry point from sources (see `spawnSource`; stdin `pipe` unless told); ended after the test. */
  start(args: readonly string[], options?: SpawnOptions): ChildProcess;
  /** A socat pseudo-terminal pair, closed after the test. */
  ptyPair(): Promise<PtyPair>;
  /** Runs `cleanup` after the test (cleanups run last first). */
  defer(cleanup: () => Promise<void>): void;
}

/**
 * Processes, pty pairs and other resources of end-to-end tests, released after each test, the
 * last acquired first. Call it once at the top level of a test file.
 *
 * @example
 * ```ts
 * const scope = endToEndScope();
 * const pair = await scope.ptyPair();
 * const sim = scope.start([fixture, pair.a]);
 * ```
 */
export function endToEndScope(): EndToEndScope {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  const defer = (cleanup: () => Promise<void>): void => void cleanups.push(cleanup);
  return {
    defer,
    start(args, options = {}) {
      const child = spawnSource(args, { stdin: "pipe", ...options });
      defer(() => endProcess(child));
      return child;
    },
    async ptyPair() {
      const pair = await createPtyPair();
      defer(() => pair.close());
      return pair;
    },
  };
}
