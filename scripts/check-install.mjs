#!/usr/bin/env node
// Installs every publishable package as a user would get it and checks what they meet: `pnpm pack`
// of each package in packages/* (so `workspace:` ranges become versions), one `npm install` of all
// the tarballs into an empty project, then in that project:
//   - every exported subpath loads through `import` and through `require`, with the same export names;
//   - README.md and LICENSE are in each installed package, and `engines.node` is the root's;
//   - source maps carry no `sourcesContent` and every source they name is in the package;
//   - the `batt` binary runs: `batt --version` prints the CLI's version and
//     `batt read jbd --sim --json` prints a DeviceReading envelope;
//   - each README's examples marked `<!-- check-install: run -->` run (as .mjs) without error, and those
//     and the ones marked `<!-- check-install: typecheck -->` type-check (strict, node16 resolution).
// Sizes (packed and installed) of the @batt packages are printed at the end.
//
// Usage: node scripts/check-install.mjs [--node PATH]... [--keep]
//   Packages must be built first (`pnpm build`). `--node PATH` runs the import, binary and README
//   checks with that Node binary as well (e.g. a newer LTS); `--keep` leaves the project in place.
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const TIMEOUT_MS = 120_000;

const args = process.argv.slice(2);
const extraNodes = args.flatMap((arg, i) => (arg === "--node" ? [args[i + 1]] : []));
const keep = args.includes("--keep");
const failures = [];
const fail = (message) => {
  failures.push(message);
  console.log(`  FAIL ${message}`);
};

/**
 * Runs a command; resolves with its output, rejects with the output on a non-zero exit.
 * @param {string} command
 * @param {string[]} argv
 * @param {string} cwd
 * @returns {Promise<{ stdout: string, stderr: string }>}
 */
function run(command, argv, cwd) {
  return new Promise((resolvePromise, reject) => {
    execFile(
      command,
      argv,
      { cwd, timeout: TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" } },
      (error, stdout, stderr) => {
        if (error) reject(Object.assign(error, { stdout, stderr }));
        else resolvePromise({ stdout, stderr });
      },
    );
  });
}

/** Runs `fn` over `items`, `limit` at a time. */
async function pool(items, limit, fn) {
  const results = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

function packageDirs() {
  return readdirSync(join(ROOT, "packages"))
    .map((name) => join(ROOT, "packages", name))
    .filter((dir) => existsSync(join(dir, "package.json")))
    .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) }))
    .filter(({ manifest }) => manifest.private !== true);
}

/** Export subpaths that are modules (not `./package.json` or data files), as import specifiers. */
function moduleSpecifiers(manifest) {
  return Object.entries(manifest.exports ?? {})
    .filter(([, target]) => target !== null && typeof target === "object" && (target.import || target.require))
    .map(([subpath]) => (subpath === "." ? manifest.name : `${manifest.name}${subpath.slice(1)}`));
}

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? (entry.name === "node_modules" ? [] : walk(join(dir, entry.name))) : [join(dir, entry.name)],
  );
}

const started = Date.now();
const packages = packageDirs();
const rootEngines = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).engines?.node;
for (const { dir, manifest } of packages) {
  if (!existsSync(join(dir, "dist"))) {
    console.error(`${manifest.name} has no dist/: run \`pnpm build\` first`);
    process.exit(1);
  }
}

const work = mkdtempSync(join(tmpdir(), "batt-install-"));
const tarballs = join(work, "tarballs");
const app = join(work, "app");
mkdirSync(tarballs);
mkdirSync(app);
console.log(`Packing ${packages.length} packages into ${tarballs}`);
const packed = await pool(packages, 4, async ({ dir, manifest }) => {
  const { stdout } = await run("pnpm", ["pack", "--pack-destination", tarballs], dir);
  const file = stdout.trim().split("\n").pop().trim();
  return { name: manifest.name, version: manifest.version, manifest, file: resolve(dir, file), packedBytes: statSync(resolve(dir, file)).size };
});

console.log(`  packed in ${((Date.now() - started) / 1000).toFixed(1)} s`);

writeFileSync(join(app, "package.json"), JSON.stringify({ name: "batt-install-check", private: true, version: "0.0.0" }, null, 2));
console.log(`Installing them into an empty project (${app}) with npm`);
const installStart = Date.now();
try {
  await run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error", ...packed.map((p) => p.file)], app);
} catch (error) {
  console.error(error.stdout, error.stderr);
  console.error("npm install of the tarballs failed");
  process.exit(1);
}
console.log(`  installed in ${((Date.now() - installStart) / 1000).toFixed(1)} s`);

// Files, engines and source maps, per installed package.
console.log("Installed files");
let installedBytes = 0;
for (const { name, manifest } of packed) {
  const installed = join(app, "node_modules", name);
  const installedManifest = JSON.parse(readFileSync(join(installed, "package.json"), "utf8"));
  for (const file of ["README.md", "LICENSE"]) if (!existsSync(join(installed, file))) fail(`${name}: no ${file}`);
  if (installedManifest.engines?.node !== rootEngines) fail(`${name}: engines.node ${installedManifest.engines?.node}, the root says ${rootEngines}`);
  for (const [field, range] of Object.entries(installedManifest.dependencies ?? {})) {
    if (String(range).startsWith("workspace:")) fail(`${name}: dependency ${field} is still ${range}`);
  }
  // Every file the exports map names (types included) is in the tarball: a build whose declaration step failed is caught here.
  const targets = (value) => (typeof value === "string" ? [value] : value !== null && typeof value === "object" ? Object.values(value).flatMap(targets) : []);
  for (const target of new Set(targets(installedManifest.exports ?? {}))) {
    if (!existsSync(join(installed, target))) fail(`${name}: exports names ${target}, not in the package`);
  }
  const files = walk(installed);
  installedBytes += files.reduce((sum, file) => sum + statSync(file).size, 0);
  let maps = 0;
  for (const map of files.filter((file) => file.endsWith(".map"))) {
    maps++;
    const content = JSON.parse(readFileSync(map, "utf8"));
    if (content.sourcesContent?.some((s) => s != null)) fail(`${name}: ${relative(installed, map)} embeds its sources`);
    for (const source of content.sources ?? []) {
      if (!existsSync(resolve(dirname(map), content.sourceRoot ?? "", source))) fail(`${name}: ${relative(installed, map)} names ${source}, not in the package`);
    }
  }
  if (maps === 0) fail(`${name}: no source maps`);
  console.log(`  ${name}: README.md, LICENSE, engines ${installedManifest.engines?.node}, ${maps} source maps resolve (${manifest.version})`);
}

// README examples: those marked `run` are run, and they and those marked `typecheck` (examples that
// need hardware) are type-checked against the installed declarations.
const examples = [];
const typed = [];
for (const { name } of packed) {
  const readme = readFileSync(join(app, "node_modules", name, "README.md"), "utf8");
  const pattern = new RegExp(`<!-- check-install: (run|typecheck) -->\\s*\`\`\`(?:js|javascript|ts)\\n([\\s\\S]*?)\`\`\``, "g");
  let i = 0;
  for (const [, mode, code] of readme.matchAll(pattern)) {
    const base = join(app, `readme-${name.replace(/[@/]/g, "_")}-${++i}`);
    if (mode === "run") {
      // Run as JavaScript, and type-checked as JavaScript (checkJs).
      writeFileSync(`${base}.mjs`, code);
      examples.push({ name, file: `${base}.mjs` });
      typed.push(`${base}.mjs`);
    } else {
      writeFileSync(`${base}.mts`, `${code}\nexport {};\n`);
      typed.push(`${base}.mts`);
    }
  }
}
if (examples.length === 0 || typed.length === 0) fail("no README examples marked to run or type-check");

// Type-check them as a strict TypeScript user with node16 resolution would (the workspace's compiler).
writeFileSync(
  join(app, "tsconfig.json"),
  JSON.stringify({
    compilerOptions: { module: "node16", moduleResolution: "node16", target: "es2022", lib: ["es2022", "dom"], strict: true, allowJs: true, checkJs: true, noEmit: true, skipLibCheck: true, types: ["node"], typeRoots: [join(ROOT, "node_modules", "@types")] },
    files: typed,
  }),
);
try {
  const t0 = Date.now();
  await run(process.execPath, [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.json"], app);
  console.log(`README examples type-check (${typed.length} examples, ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
} catch (error) {
  fail(`README examples do not type-check:\n    ${(error.stdout || error.message).trim().split("\n").join("\n    ")}`);
}

const cli = packed.find((p) => p.name === "@batt/cli");
const nodes = [process.execPath, ...extraNodes];
for (const node of nodes) {
  const nodeStart = Date.now();
  const { stdout: version } = await run(node, ["--version"], app);
  console.log(`Checks with Node ${version.trim()} (${node})`);

  // Every module subpath through import and require, in one process each.
  const specifiers = packed.flatMap((p) => moduleSpecifiers(p.manifest));
  const loader = (mode) =>
    `${mode === "esm" ? "" : "const out = {};\n"}const specifiers = ${JSON.stringify(specifiers)};\n` +
    (mode === "esm"
      ? "const out = {};\nfor (const s of specifiers) out[s] = Object.keys(await import(s)).filter((k) => k !== 'default' && k !== 'module.exports').sort();\n"
      : "for (const s of specifiers) out[s] = Object.keys(require(s)).sort();\n") +
    "process.stdout.write(JSON.stringify(out));\n";
  writeFileSync(join(app, "load.mjs"), loader("esm"));
  writeFileSync(join(app, "load.cjs"), loader("cjs"));
  let esm, cjs;
  try {
    esm = JSON.parse((await run(node, ["load.mjs"], app)).stdout);
    cjs = JSON.parse((await run(node, ["load.cjs"], app)).stdout);
  } catch (error) {
    fail(`loading the packages: ${error.stderr || error.message}`);
  }
  if (esm && cjs) {
    for (const s of specifiers) {
      if (esm[s].length === 0) fail(`${s}: no exports through import`);
      if (JSON.stringify(esm[s]) !== JSON.stringify(cjs[s])) fail(`${s}: import and require export different names`);
    }
    console.log(`  import and require: ${specifiers.length} entry points, same export names (${specifiers.reduce((n, s) => n + esm[s].length, 0)} exports)`);
  }

  // The batt binary: through the npm shim once, then with this Node.
  if (cli) {
    const bin = join(app, "node_modules", "@batt", "cli", cli.manifest.bin.batt);
    try {
      if (node === process.execPath) {
        const shim = (await run(join(app, "node_modules", ".bin", "batt"), ["--version"], app)).stdout.trim();
        if (!shim.includes(cli.version)) fail(`node_modules/.bin/batt --version printed ${JSON.stringify(shim)}, not ${cli.version}`);
      }
      const t0 = Date.now();
      const version = (await run(node, [bin, "--version"], app)).stdout.trim();
      const versionMs = Date.now() - t0;
      if (!version.includes(cli.version)) fail(`batt --version printed ${JSON.stringify(version)}, not ${cli.version}`);
      const t1 = Date.now();
      const reading = JSON.parse((await run(node, [bin, "read", "jbd", "--sim", "--json"], app)).stdout);
      const readMs = Date.now() - t1;
      const envelope = typeof reading.time === "string" && reading.device?.driver === "jbd" && Array.isArray(reading.measurements) && reading.measurements.length > 0;
      if (!envelope || !Array.isArray(reading.batteries) || reading.batteries.length !== 1 || typeof reading.batteries[0].voltage !== "number") {
        fail(`batt read jbd --sim --json is not a DeviceReading: ${JSON.stringify(reading).slice(0, 200)}`);
      }
      console.log(`  batt --version: ${version} (${versionMs} ms); batt read jbd --sim --json: ${reading.measurements.length} measurements, ${reading.batteries[0].voltage} V (${readMs} ms)`);
    } catch (error) {
      fail(`batt: ${error.stderr || error.message}`);
    }
  }

  // README examples.
  await pool(examples, 2, async ({ name, file }) => {
    try {
      await run(node, [file], app);
    } catch (error) {
      fail(`${name} README example ${relative(app, file)}: ${(error.stderr || error.message).trim().split("\n").slice(0, 6).join("\n    ")}`);
    }
  });
  console.log(`  README examples run: ${examples.map((e) => relative(app, e.file)).join(", ")}`);
  console.log(`  checked in ${((Date.now() - nodeStart) / 1000).toFixed(1)} s`);
}

const packedBytes = packed.reduce((sum, p) => sum + p.packedBytes, 0);
console.log(`Sizes of the ${packed.length} @batt packages: ${(packedBytes / 1e6).toFixed(2)} MB packed, ${(installedBytes / 1e6).toFixed(2)} MB installed`);
if (keep) console.log(`Kept ${work}`);
else rmSync(work, { recursive: true, force: true });
console.log(`${failures.length === 0 ? "OK" : `${failures.length} failure(s)`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(failures.length === 0 ? 0 : 1);
