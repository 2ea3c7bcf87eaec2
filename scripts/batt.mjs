#!/usr/bin/env node
// `pnpm batt …`: runs the built command (packages/cli/dist/bin.js, ~0.2 s to start) when every
// package it loads was built after its sources last changed; otherwise the sources through tsx
// (seconds to start), so a change is never run stale. `pnpm build` makes the fast path current.
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const cli = join(root, "packages/cli");
const args = process.argv.slice(2);

/** Newest modification time of the files under `dir` (0 when it does not exist). */
function newest(dir) {
  if (!existsSync(dir)) return 0;
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) latest = Math.max(latest, statSync(join(entry.parentPath ?? entry.path, entry.name)).mtimeMs);
  }
  return latest;
}

/** Whether the CLI and every workspace package it depends on have a build newer than their sources. */
function builtAndCurrent() {
  const manifest = JSON.parse(readFileSync(join(cli, "package.json"), "utf8"));
  const dirs = [cli, ...Object.keys(manifest.dependencies ?? {}).filter((n) => n.startsWith("@batt/")).map((n) => join(root, "packages", n.slice("@batt/".length)))];
  return dirs.every((dir) => {
    const dist = join(dir, "dist");
    if (!existsSync(dist)) return false;
    const built = Math.min(...readdirSync(dist).filter((f) => f.endsWith(".js")).map((f) => statSync(join(dist, f)).mtimeMs));
    return Number.isFinite(built) && newest(join(dir, "src")) <= built && statSync(join(dir, "package.json")).mtimeMs <= built;
  });
}

const fast = process.env.BATT_FROM_SOURCES !== "1" && builtAndCurrent();
if (!fast && process.env.BATT_FROM_SOURCES !== "1") process.stderr.write("batt: running from sources (slow start); `pnpm build` makes `pnpm batt` start fast\n");
const command = fast
  ? [process.execPath, [join(cli, "dist/bin.js"), ...args]]
  : [join(root, "node_modules/.bin/tsx"), ["--conditions=@batt/source", join(cli, "src/bin.ts"), ...args]];
// Ctrl-C reaches the command itself (same process group), which ends cleanly; this launcher waits for it.
process.on("SIGINT", () => undefined);
process.on("SIGTERM", () => child.kill("SIGTERM"));
const child = spawn(command[0], command[1], { stdio: "inherit" });
child.on("exit", (code, signal) => {
  process.exitCode = code ?? (signal === "SIGINT" ? 130 : 1);
});
