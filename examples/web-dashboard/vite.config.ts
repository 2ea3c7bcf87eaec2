import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { defaultClientConditions, defineConfig, type Plugin, type ResolvedConfig } from "vite";

/** The service worker's source; the build puts the version and the file list in front of it. */
const SERVICE_WORKER = new URL("./src/app/service-worker.js", import.meta.url);

/** Every file under `dir`, as paths relative to it with `/` separators. */
function filesUnder(dir: string, root = dir): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name), root) : [relative(root, join(dir, e.name)).split("\\").join("/")]));
}

/**
 * Writes `sw.js`: the service worker with this build's files (the hashed scripts and styles, the page,
 * the public icons and manifest) to precache, and a version that changes with any of them, so that a
 * new build installs beside the old one and its cache replaces the old cache.
 */
function precacheServiceWorker(): Plugin {
  let config: ResolvedConfig;
  return {
    name: "batt-precache-service-worker",
    apply: "build",
    enforce: "post",
    configResolved(resolved) {
      config = resolved;
    },
    generateBundle(_options, bundle) {
      const hash = createHash("sha256");
      const files: string[] = [];
      for (const [name, item] of Object.entries(bundle).sort(([a], [b]) => a.localeCompare(b))) {
        // Source maps are for developers online; vite's manifest is for the build's tests.
        if (name.endsWith(".map") || name.startsWith(".vite/")) continue;
        files.push(name);
        hash.update(name).update(item.type === "chunk" ? item.code : item.source);
      }
      const publicDir = config.publicDir;
      for (const name of publicDir ? filesUnder(publicDir).sort() : []) {
        files.push(name);
        hash.update(name).update(readFileSync(join(publicDir, name)));
      }
      const version = hash.digest("hex").slice(0, 16);
      const source = `const VERSION = ${JSON.stringify(version)};\nconst PRECACHE = ${JSON.stringify(["./", ...files])};\n${readFileSync(SERVICE_WORKER, "utf8")}`;
      this.emitFile({ type: "asset", fileName: "sw.js", source });
    },
  };
}

// Builds from the workspace sources of @batt/* (their `@batt/source` export condition): no package build needed.
export default defineConfig(({ command }) => ({
  base: "./",
  // Whether this build writes sw.js (a build does; the dev server has none). Not import.meta.env.PROD:
  // that follows NODE_ENV, which a build run from the tests has set to "test".
  define: { __SERVICE_WORKER__: JSON.stringify(command === "build") },
  resolve: { conditions: ["@batt/source", ...defaultClientConditions] },
  // The manifest (dist/.vite/manifest.json) says which code is in which chunk: the tests check that device, chart, settings and gateway code load only when used.
  build: { target: "es2022", sourcemap: true, manifest: true },
  plugins: [precacheServiceWorker()],
  preview: { host: "127.0.0.1" },
  server: { host: "127.0.0.1" },
}));
