#!/usr/bin/env node
// Checks that every publishable package in packages/* is correct as it would be published:
// publint (strict: warnings count as errors) on the packed file list, and Are The Types Wrong
// (`attw --pack`) on the packed tarball, for every entry point and module resolution mode.
//
// Usage: node scripts/check-publish.mjs [--build] [package ...]   (directory names, e.g. `core cli`)
//
// Packages are checked as built: a package without dist/ is built first (with the packages it
// depends on); `--build` rebuilds every selected package. Run `pnpm build` beforehand to check what
// the current sources produce. Exits non-zero on any publint message (including suggestions) and on
// any attw problem not listed in IGNORED_ATTW_PROBLEMS.
import { spawn } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { publint } from "publint";
import { formatMessage } from "publint/utils";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const ATTW = join(ROOT, "node_modules", ".bin", "attw");

/**
 * attw problems that are accepted, each with the reason.
 * @type {{ why: string, matches: (problem: { kind: string, entrypoint?: string, resolutionKind?: string }) => boolean }[]}
 */
const IGNORED_ATTW_PROBLEMS = [
  {
    // TypeScript's legacy `moduleResolution: "node"` (node10) ignores the exports map, so a subpath
    // such as `@batt/core/testing` cannot resolve there. Supporting it would take `typesVersions`
    // redirects or stub directories per subpath. The packages require Node >= 20, whose TypeScript
    // users resolve with node16/nodenext or bundler; the root entry point must (and does) still
    // resolve under node10 through `main`/`types`, so only subpaths are exempt.
    why: "node10 resolution cannot see exports-map subpaths",
    matches: (problem) => problem.kind === "NoResolution" && problem.resolutionKind === "node10" && problem.entrypoint !== ".",
  },
];

/**
 * Runs a command; resolves with its exit code and captured stderr. stdout goes to `stdoutFd` when
 * given (a file, so that long JSON output is never cut short), otherwise to this process's stdout.
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd?: string, stdoutFd?: number }} [options]
 * @returns {Promise<{ code: number, stderr: string }>}
 */
function run(command, args, options = {}) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd ?? ROOT,
      stdio: ["ignore", options.stdoutFd ?? "inherit", options.stdoutFd === undefined ? "inherit" : "pipe"],
      env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
    });
    let stderr = "";
    child.stderr?.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolvePromise({ code: code ?? 1, stderr }));
  });
}

/**
 * @param {string[][]} rows
 */
function printTable(rows) {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  for (const [index, row] of rows.entries()) {
    console.log(row.map((cell, column) => cell.padEnd(widths[column])).join("  ").trimEnd());
    if (index === 0) console.log(widths.map((width) => "-".repeat(width)).join("  "));
  }
}

/**
 * @param {{ dir: string, name: string, manifest: Record<string, unknown> }} pkg
 * @returns {Promise<string[]>} the problems found
 */
async function runPublint(pkg) {
  const { messages, pkg: packed } = await publint({ pkgDir: pkg.dir, strict: true, pack: "pnpm" });
  return messages.map((message) => `publint ${message.type}: ${formatMessage(message, packed, { color: false }) ?? message.code}`);
}

/**
 * @param {{ dir: string, name: string }} pkg
 * @param {string} scratch
 * @returns {Promise<{ problems: string[], ignored: string[] }>}
 */
async function runAttw(pkg, scratch) {
  const reportPath = join(scratch, `${pkg.name.replace(/[@/]/g, "_")}.attw.json`);
  const fd = openSync(reportPath, "w");
  let result;
  try {
    result = await run(ATTW, ["--pack", pkg.dir, "--format", "json"], { stdoutFd: fd });
  } finally {
    closeSync(fd);
  }
  let report;
  try {
    report = JSON.parse(readFileSync(reportPath, "utf8"));
  } catch {
    return { problems: [`attw failed (exit ${result.code}): ${result.stderr.trim() || "no report"}`], ignored: [] };
  }
  if (report.analysis?.types === false) return { problems: ["attw: the package ships no types"], ignored: [] };
  /** @type {{ kind: string, entrypoint?: string, resolutionKind?: string }[]} */
  const found = report.analysis?.problems ?? [];
  /** @type {string[]} */
  const problems = [];
  /** @type {string[]} */
  const ignored = [];
  for (const problem of found) {
    const { kind, ...details } = problem;
    const text = `attw ${kind} ${Object.entries(details).map(([key, value]) => `${key}=${JSON.stringify(value)}`).join(" ")}`.trimEnd();
    const rule = IGNORED_ATTW_PROBLEMS.find((candidate) => candidate.matches(problem));
    if (rule) ignored.push(`${text}: accepted, ${rule.why}`);
    else problems.push(text);
  }
  if (result.code !== 0 && found.length === 0) problems.push(`attw exited with ${result.code}: ${result.stderr.trim()}`);
  return { problems, ignored };
}

const args = process.argv.slice(2);
const rebuild = args.includes("--build");
const requested = args.filter((arg) => arg !== "--build");

const allPackages = readdirSync(join(ROOT, "packages"), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(ROOT, "packages", entry.name, "package.json")))
  .map((entry) => {
    const dir = join(ROOT, "packages", entry.name);
    const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
    return { dirName: entry.name, dir, name: String(manifest.name), version: String(manifest.version), manifest };
  });
for (const name of requested) {
  if (!allPackages.some((pkg) => pkg.dirName === name)) {
    console.error(`no package directory packages/${name}`);
    process.exit(2);
  }
}
const packages = allPackages.filter(
  (pkg) => pkg.manifest.private !== true && (requested.length === 0 || requested.includes(pkg.dirName)),
);
if (packages.length === 0) {
  console.error("no publishable package selected");
  process.exit(2);
}

const toBuild = packages.filter((pkg) => rebuild || !existsSync(join(pkg.dir, "dist")));
if (toBuild.length > 0) {
  console.log(`Building ${toBuild.map((pkg) => pkg.name).join(", ")} (and what they depend on)...`);
  const filters = toBuild.flatMap((pkg) => ["--filter", `${pkg.name}...`]);
  const { code } = await run("pnpm", [...filters, "run", "build"]);
  if (code !== 0) {
    console.error("build failed");
    process.exit(1);
  }
}

const scratch = mkdtempSync(join(tmpdir(), "batt-publish-"));
/** @type {string[][]} */
const rows = [["package", "version", "publint", "attw", "result"]];
/** @type {string[]} */
const report = [];
let failed = 0;
try {
  for (const pkg of packages) {
    const [publintProblems, attw] = await Promise.all([
      runPublint(pkg).catch((error) => [`publint failed: ${error instanceof Error ? error.message : String(error)}`]),
      runAttw(pkg, scratch),
    ]);
    const ok = publintProblems.length === 0 && attw.problems.length === 0;
    if (!ok) failed += 1;
    rows.push([
      pkg.name,
      pkg.version,
      publintProblems.length === 0 ? "ok" : `${publintProblems.length} problem(s)`,
      attw.problems.length === 0 ? (attw.ignored.length === 0 ? "ok" : `ok (${attw.ignored.length} accepted)`) : `${attw.problems.length} problem(s)`,
      ok ? "PASS" : "FAIL",
    ]);
    for (const line of [...publintProblems, ...attw.problems]) report.push(`${pkg.name}: ${line}`);
    for (const line of attw.ignored) report.push(`${pkg.name}: (${line})`);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

console.log();
printTable(rows);
console.log();
for (const line of report) console.log(`  ${line}`);
if (report.length > 0) console.log();
if (failed > 0) {
  console.error(`${failed} of ${packages.length} package(s) would publish with problems.`);
  process.exit(1);
}
console.log(`OK: ${packages.length} package(s) pass publint --strict and attw.`);
