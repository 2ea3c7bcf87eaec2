// Builds the dashboard into a temporary folder and prints what it weighs: the main entry script's
// gzip size (what the first screen loads) and each part loaded on first use.
// Run: node examples/web-dashboard/scripts/bundle-size.mjs
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";
import { bundleReport, kilobytes } from "./bundle-report.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const outDir = mkdtempSync(join(tmpdir(), "batt-dashboard-size-"));
try {
  await build({ root, configFile: join(root, "vite.config.ts"), logLevel: "silent", build: { outDir, emptyOutDir: true } });
  const { main, lazy } = bundleReport(outDir);
  console.log(`main entry ${main.file}: ${kilobytes(main.script.bytes)}, gzip ${kilobytes(main.script.gzip)} (styles gzip ${kilobytes(main.css.gzip)})`);
  console.log("loaded on first use (own chunk gzip; with the shared chunks it needs beyond the main one):");
  for (const part of lazy) console.log(`  ${part.module.padEnd(44)} ${kilobytes(part.own.gzip).padStart(9)}  ${kilobytes(part.withShared.gzip).padStart(9)}`);
} finally {
  rmSync(outDir, { recursive: true, force: true });
}
