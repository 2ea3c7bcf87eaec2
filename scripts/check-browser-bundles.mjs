#!/usr/bin/env node
// Bundles every public entry point of the platform-free packages for the browser and fails if any
// of them needs a Node built-in.
//
// Usage: node scripts/check-browser-bundles.mjs [package ...]   (directory names, e.g. `core jbd`)
//
// Each entry is the source file behind the exports map's `@batt/source` condition, bundled with its
// dependencies (sibling packages resolve to their sources too) the way a browser app would bundle it.
// esbuild already refuses unresolvable `node:` imports on the browser platform; the metafile is scanned
// as well, so a built-in marked external or shimmed by a dependency is caught too.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { builtinModules } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** Packages that must run unchanged in a browser (the same list as the lint rule in eslint.config.js). */
const PLATFORM_FREE = ["core", "modbus-rtu", "jbd", "jk", "icharger", "voltaic", "evcharger", "fingerprint", "transport-web"];
const SOURCE_CONDITION = "@batt/source";
const BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

/**
 * True for `node:*` and bare built-in names (`fs`, `fs/promises`), also when a dependency's
 * `browser` field disabled it (esbuild then lists it as `(disabled):fs`).
 * @param {string} path an input or import path from the esbuild metafile
 */
function isNodeBuiltin(path) {
  const bare = path.replace(/^\(disabled\):/, "");
  return bare.startsWith("node:") || BUILTINS.has(bare);
}

/** @param {number} bytes */
function formatSize(bytes) {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} kB`;
}

/**
 * @param {string[][]} rows
 * @param {("left" | "right")[]} align
 */
function printTable(rows, align) {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  for (const [index, row] of rows.entries()) {
    console.log(row.map((cell, column) => (align[column] === "right" ? cell.padStart(widths[column]) : cell.padEnd(widths[column]))).join("  "));
    if (index === 0) console.log(widths.map((width) => "-".repeat(width)).join("  "));
  }
}

const requested = process.argv.slice(2);
for (const name of requested) {
  if (!PLATFORM_FREE.includes(name)) {
    console.error(`unknown platform-free package "${name}"; expected one of: ${PLATFORM_FREE.join(", ")}`);
    process.exit(2);
  }
}
const packages = (requested.length > 0 ? requested : PLATFORM_FREE).filter((name) =>
  existsSync(join(ROOT, "packages", name, "package.json")),
);

const outRoot = mkdtempSync(join(tmpdir(), "batt-browser-"));
/** @type {string[]} */
const failures = [];
/** @type {string[][]} */
const rows = [["package", "entry", "minified", "gzip", "own code", "modules"]];

try {
  for (const name of packages) {
    const packageDir = join(ROOT, "packages", name);
    const manifest = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8"));
    // `./node` is a platform-free package's Node-only entry (src/node/), by convention not for browsers.
    const entries = Object.entries(manifest.exports ?? {}).filter(([subpath]) => subpath !== "./node").flatMap(([subpath, target]) =>
      target !== null && typeof target === "object" && typeof target[SOURCE_CONDITION] === "string"
        ? [{ subpath, file: join(packageDir, target[SOURCE_CONDITION]) }]
        : [],
    );
    if (entries.length === 0) {
      failures.push(`${manifest.name}: no "${SOURCE_CONDITION}" entry in the exports map`);
      continue;
    }

    for (const [index, entry] of entries.entries()) {
      const label = `${manifest.name}${entry.subpath === "." ? "" : entry.subpath.slice(1)}`;
      if (!existsSync(entry.file)) {
        failures.push(`${label}: entry ${relative(ROOT, entry.file)} does not exist`);
        rows.push([manifest.name, entry.subpath, "-", "-", "-", "missing"]);
        continue;
      }
      const outfile = join(outRoot, name, `${index}.js`);
      let result;
      try {
        result = await build({
          entryPoints: [entry.file],
          outfile,
          bundle: true,
          platform: "browser",
          format: "esm",
          target: "es2022",
          conditions: [SOURCE_CONDITION],
          minify: true,
          metafile: true,
          write: true,
          absWorkingDir: ROOT,
          logLevel: "silent",
        });
      } catch (error) {
        const messages = /** @type {{ errors?: { text: string, location?: { file: string, line: number } | null }[] }} */ (error).errors ?? [];
        for (const message of messages.length > 0 ? messages : [{ text: String(error) }]) {
          const where = message.location ? ` (${message.location.file}:${message.location.line})` : "";
          failures.push(`${label}: ${message.text}${where}`);
        }
        rows.push([manifest.name, entry.subpath, "-", "-", "-", "FAILED"]);
        continue;
      }

      for (const warning of result.warnings) {
        const where = warning.location ? ` (${warning.location.file}:${warning.location.line})` : "";
        failures.push(`${label}: esbuild warning: ${warning.text}${where}`);
      }
      for (const [input, info] of Object.entries(result.metafile.inputs)) {
        if (isNodeBuiltin(input)) failures.push(`${label}: bundle contains Node built-in ${input}`);
        for (const imported of info.imports) {
          if (isNodeBuiltin(imported.path)) failures.push(`${label}: ${input} imports Node built-in ${imported.path}`);
        }
      }

      const output = Object.values(result.metafile.outputs).find((out) => out.entryPoint !== undefined);
      const code = readFileSync(outfile);
      const ownPrefix = `${relative(ROOT, packageDir)}/`;
      const own = Object.entries(output?.inputs ?? {})
        .filter(([input]) => input.startsWith(ownPrefix))
        .reduce((sum, [, info]) => sum + info.bytesInOutput, 0);
      rows.push([
        manifest.name,
        entry.subpath,
        formatSize(code.length),
        formatSize(gzipSync(code).length),
        formatSize(own),
        String(Object.keys(result.metafile.inputs).length),
      ]);
    }
  }
} finally {
  rmSync(outRoot, { recursive: true, force: true });
}

console.log(`Browser bundles (esbuild, platform "browser", ESM, minified; "own code" excludes bundled dependencies)\n`);
printTable(rows, ["left", "left", "right", "right", "right", "right"]);
console.log();
if (packages.length === 0) {
  failures.push("no platform-free package found");
}
if (failures.length > 0) {
  console.error(`${failures.length} problem(s):`);
  for (const failure of failures) console.error(`  - ${failure}`);
  process.exit(1);
}
console.log(`OK: ${rows.length - 1} entry point(s) in ${packages.length} package(s) bundle for the browser without Node built-ins.`);
