// What a build of the dashboard weighs, from vite's manifest (build.manifest in vite.config.ts): the
// main entry (what the first screen loads) and each part loaded on first use (a device's plugin, the
// charts, the settings editor, the gateway view), with the shared chunks each needs beyond the main one.
import { readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

/** Bytes and gzip bytes of the built files. */
function weigh(outDir, files) {
  let bytes = 0;
  let gzip = 0;
  for (const file of files) {
    const body = readFileSync(join(outDir, file));
    bytes += body.length;
    gzip += gzipSync(body, { level: 9 }).length;
  }
  return { bytes, gzip };
}

/** The manifest keys a chunk loads before it runs (its static imports, transitively), itself included. */
function closure(manifest, key, seen = new Set()) {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const next of manifest[key]?.imports ?? []) closure(manifest, next, seen);
  return seen;
}

/**
 * The report of a build in `outDir`: `main` (the entry's script and styles) and `lazy`, one row per
 * dynamically imported module: its own chunk, and the chunks it needs that the main one does not
 * bring (shared between lazy parts, so they are counted in each).
 */
export function bundleReport(outDir) {
  const manifest = JSON.parse(readFileSync(join(outDir, ".vite/manifest.json"), "utf8"));
  const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry);
  const entry = manifest[entryKey];
  const mainKeys = closure(manifest, entryKey);
  const mainScripts = [...mainKeys].map((k) => manifest[k].file);
  const main = { file: entry.file, sources: sourcesOf(outDir, mainScripts), script: weigh(outDir, mainScripts), css: weigh(outDir, entry.css ?? []) };
  const lazy = Object.entries(manifest)
    .filter(([, chunk]) => chunk.isDynamicEntry)
    .map(([key, chunk]) => {
      const needed = [...closure(manifest, key)].filter((k) => !mainKeys.has(k)).map((k) => manifest[k].file);
      return { module: key.replace(/^(\.\.\/)+/, "").replace(/^.*node_modules\//, ""), file: chunk.file, own: weigh(outDir, [chunk.file, ...(chunk.css ?? [])]), withShared: weigh(outDir, [...needed, ...(chunk.css ?? [])]) };
    })
    .sort((a, b) => a.module.localeCompare(b.module));
  return { main, lazy };
}

/** The repository's root (this file is in examples/web-dashboard/scripts). */
const REPOSITORY = fileURLToPath(new URL("../../..", import.meta.url));

/** The source files bundled into the given scripts (from their source maps), repository-relative where possible. */
function sourcesOf(outDir, files) {
  return files.flatMap((file) => {
    try {
      const map = join(outDir, `${file}.map`);
      // Source paths are relative to the map's folder (the build may be anywhere, as in a test's temporary folder).
      return JSON.parse(readFileSync(map, "utf8")).sources.map((s) => relative(REPOSITORY, resolve(dirname(map), s)));
    } catch {
      return [];
    }
  });
}

/** `12.3 kB`. */
export function kilobytes(bytes) {
  return `${(bytes / 1000).toFixed(1)} kB`;
}
