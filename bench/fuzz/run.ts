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
import { EVCHARGER_TARGETS } from "../../packages/evcharger/test/fuzz-targets.js";
import { JBD_TARGETS } from "../../packages/jbd/test/fuzz-targets.js";
import { JK_TARGETS } from "../../packages/jk/test/fuzz-targets.js";
import { ICHARGER_TARGETS } from "../../packages/icharger/test/fuzz-targets.js";
import { MODBUS_TARGETS } from "../../packages/modbus-rtu/test/fuzz-targets.js";
import { VOLTAIC_TARGETS } from "../../packages/voltaic/test/fuzz-targets.js";

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== "--"),
  options: {
    inputs: { type: "string", default: "1000000" },
    seed: { type: "string", default: "20261206" },
    filter: { type: "string" },
    work: { type: "boolean", default: false },
  },
});

const ALL: readonly FuzzTarget[] = [...MODBUS_TARGETS, ...JBD_TARGETS, ...JK_TARGETS, ...ICHARGER_TARGETS, ...VOLTAIC_TARGETS, ...EVCHARGER_TARGETS];
const targets = ALL.filter((t) => values.filter === undefined || t.name.includes(values.filter));
const perTarget = Math.max(1, Math.round(Number(values.inputs) / targets.length));
// Work counting slows every input down; it is off unless asked for (the tests count work).
const meter = values.work ? createWorkMeter() : undefined;
meter?.resume();
meter?.pause();

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
