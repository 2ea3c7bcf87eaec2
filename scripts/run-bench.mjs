#!/usr/bin/env node
// Runs the benchmarks: every `bench/<name>/run.ts`, one at a time (parallel runs would disturb each
// other's timings), against workspace sources through the `@batt/source` condition.
//
// Usage: node scripts/run-bench.mjs [filter ...]   (runs the files whose path contains a filter)
//
// Each benchmark prints its own results (as ratios, see bench/); it may write files to the directory
// named by BENCH_OUT_DIR (.bench-out/, ignored by git).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const BENCH_DIR = join(ROOT, "bench");
const OUT_DIR = join(ROOT, ".bench-out");
const TSX = join(ROOT, "node_modules", ".bin", "tsx");

/**
 * Each benchmark is a folder of bench/ with a `run.ts`.
 * @param {string} dir
 * @returns {string[]}
 */
function findBenchmarks(dir) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, "run.ts")))
    .map((entry) => join(dir, entry.name, "run.ts"))
    .sort();
}

const filters = process.argv.slice(2);
const files = findBenchmarks(BENCH_DIR).filter(
  (file) => filters.length === 0 || filters.some((filter) => relative(ROOT, file).includes(filter)),
);
if (files.length === 0) {
  console.log(filters.length === 0 ? "No benchmarks in bench/ (<name>/run.ts)." : `No benchmark matches ${filters.join(", ")}.`);
  process.exit(0);
}

mkdirSync(OUT_DIR, { recursive: true });
const failed = [];
for (const file of files) {
  const name = relative(ROOT, file);
  console.log(`\n=== ${name}`);
  const result = spawnSync(TSX, ["--conditions=@batt/source", file], {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, BENCH_OUT_DIR: OUT_DIR },
  });
  if (result.status !== 0) failed.push(`${name} (exit ${result.status ?? result.signal})`);
}
if (failed.length > 0) {
  console.error(`\nFailed: ${failed.join(", ")}`);
  process.exit(1);
}
console.log(`\n${files.length} benchmark(s) done.`);
