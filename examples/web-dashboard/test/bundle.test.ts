import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleReport, kilobytes, type BundleReport } from "../scripts/bundle-report.mjs";
import { DASHBOARD } from "./harness.js";

// What the first screen loads: the main chunk, without the device drivers, the charts, the settings
// editor or the gateway's MQTT client, which load on first use (vite's manifest and source maps say
// which code went where). The sizes are printed for the record (node examples/web-dashboard/scripts/bundle-size.mjs prints them too).

let outDir: string;
let report: BundleReport;

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), "batt-dashboard-bundle-"));
  await build({ root: DASHBOARD, configFile: join(DASHBOARD, "vite.config.ts"), logLevel: "silent", build: { outDir, emptyOutDir: true } });
  report = bundleReport(outDir);
  console.log(
    [
      `main ${report.main.file}: ${kilobytes(report.main.script.bytes)}, gzip ${kilobytes(report.main.script.gzip)}`,
      ...report.lazy.map((p) => `  ${p.module}: gzip ${kilobytes(p.own.gzip)} (${kilobytes(p.withShared.gzip)} with shared chunks)`),
    ].join("\n"),
  );
});

afterAll(() => {
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

/** Code that must wait until it is used. */
const LAZY = [
  { what: "device drivers and simulators", pattern: /^packages\/(jbd|jk|icharger|voltaic|evcharger)\// },
  { what: "charts", pattern: /^examples\/web-dashboard\/src\/charts\/|uplot/i },
  { what: "settings editor", pattern: /^examples\/web-dashboard\/src\/ui\/settings\// },
  // The gateway's entry form is on the first screen; its connection and the MQTT client are not.
  { what: "gateway connection and MQTT client", pattern: /^examples\/web-dashboard\/src\/remote\/(?!gateway-form|gateway-url)|mqtt/i },
];

describe("bundle", () => {
  it("the main chunk holds the shell, not the parts loaded on first use", () => {
    expect(report.main.sources.length).toBeGreaterThan(10);
    expect(report.main.sources).toContain("examples/web-dashboard/src/main.ts");
    for (const { what, pattern } of LAZY) expect(report.main.sources.filter((s) => pattern.test(s)), what).toEqual([]);
  });

  it("each device plugin, the charts, the settings and the gateway connection are chunks of their own", () => {
    const modules = report.lazy.map((p) => p.module);
    for (const module of [
      "packages/jbd/src/cli/index.ts",
      "packages/jk/src/cli/index.ts",
      "packages/icharger/src/cli.ts",
      "packages/voltaic/src/cli.ts",
      "packages/evcharger/src/cli.ts",
      "src/charts/charts-panel.ts",
      "src/ui/settings/settings-panel.ts",
      "src/remote/gateway-connection.ts",
    ]) {
      expect(modules).toContain(module);
    }
    for (const part of report.lazy) expect(part.file).not.toBe(report.main.file);
  });
});
