/**
 * bench/fuzz: about a million seeded mutants across every decoder of the repository (the targets of
 * packages/<pkg>/test/fuzz-targets.ts), printing per decoder: inputs tried, values decoded, typed
 * errors, other exceptions, failures (any of: an exception that is no BattError, a NaN, a value from a
 * frame whose checksum fails, work over budget), the largest work count and the slowest input with
 * its time. Failures are listed in full after the table. Exit code 1 when any decoder failed.
 *
 * Usage: pnpm bench fuzz [-- --inputs 1000000] [--seed N] [--filter text] [--work]
 */
import { parseArgs } from "node:util";
// Relative imports: the workspace root does not depend on the private test-support package or the device packages.
import { formatStatsTable } from "../../test-support/src/fuzz/report.js";
import { describeFailures, runFuzz, type FuzzStats } from "../../test-support/src/fuzz/runner.js";
import type { FuzzTarget } from "../../test-support/src/fuzz/target.js";
import { createWorkMeter } from "../../test-support/src/fuzz/work-meter.js";

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== "--"),
  options: {
    inputs: { type: "string", default: "1000000" },
    seed: { type: "string", default: "20261206" },
    filter: { type: "string" },
    work: { type: "boolean", default: false },
  },
});

// Work counting slows every input down; it is off unless asked for (the tests count work). It starts
// before the targets are loaded: V8 counts blocks only in functions compiled after counting started.
const meter = values.work ? createWorkMeter() : undefined;
const ALL: readonly FuzzTarget[] = [
  ...(await import("../../packages/core/test/fuzz-targets.js")).CORE_TARGETS,
  ...(await import("../../packages/modbus-rtu/test/fuzz-targets.js")).MODBUS_TARGETS,
  ...(await import("../../packages/jbd/test/fuzz-targets.js")).JBD_TARGETS,
  ...(await import("../../packages/jk/test/fuzz-targets.js")).JK_TARGETS,
  ...(await import("../../packages/icharger/test/fuzz-targets.js")).ICHARGER_TARGETS,
  ...(await import("../../packages/voltaic/test/fuzz-targets.js")).VOLTAIC_TARGETS,
  ...(await import("../../packages/evcharger/test/fuzz-targets.js")).EVCHARGER_TARGETS,
];
const targets = ALL.filter((t) => values.filter === undefined || t.name.includes(values.filter));
const perTarget = Math.max(1, Math.round(Number(values.inputs) / targets.length));

console.log(`${targets.length} decoders, ${perTarget} inputs each, seed ${values.seed}${meter ? ", work counted" : ""}`);
const results: FuzzStats[] = [];
for (const [i, target] of targets.entries()) {
  results.push(runFuzz(target, { seed: Number(values.seed) + i, inputs: perTarget, timing: true, ...(meter ? { meter } : {}) }));
}
meter?.close();
console.log(formatStatsTable(results));
const total = results.reduce((n, s) => n + s.inputs, 0);
const elapsed = results.reduce((n, s) => n + (s.elapsedMs ?? 0), 0);
console.log(`\n${total} inputs in ${(elapsed / 1000).toFixed(1)} s`);
const failed = results.filter((s) => s.failureCount > 0);
for (const s of failed) console.log(`\n--- ${s.target}: ${s.failureCount} failure(s)\n${describeFailures(s)}`);
if (failed.length > 0) process.exitCode = 1;
