import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleReport, kilobytes, type BundleReport } from "../scripts/bundle-report.mjs";
import { startDashboard, startDemo, type Dashboard } from "./harness.js";

// What the first screen loads: the main chunk, without the device drivers, the charts, the settings
// editor or the gateway's MQTT client, which load on first use (vite's manifest and source maps say
// which code went where, and the page's resource timings what it fetched). The sizes are printed for
// the record (node examples/web-dashboard/scripts/bundle-size.mjs prints them too).

let dashboard: Dashboard;
let report: BundleReport;

beforeAll(async () => {
  dashboard = await startDashboard();
  report = bundleReport(dashboard.outDir);
  console.log(
    [
      `main ${report.main.file}: ${kilobytes(report.main.script.bytes)}, gzip ${kilobytes(report.main.script.gzip)}`,
      ...report.lazy.map((p) => `  ${p.module}: gzip ${kilobytes(p.own.gzip)} (${kilobytes(p.withShared.gzip)} with shared chunks)`),
    ].join("\n"),
  );
}, 120_000);

afterAll(async () => {
  await dashboard?.close();
});

/** Code of the device packages. */
const DEVICE_CODE = /^packages\/(jbd|jk|icharger|voltaic|evcharger)\//;

/** What the device menu needs of the device packages: their plugins' `./info` modules and the few constants those name. */
const PLUGIN_DESCRIPTIONS = [
  "packages/evcharger/src/cli/info.ts",
  "packages/evcharger/src/serial-link.ts",
  "packages/icharger/src/cli/info.ts",
  "packages/icharger/src/device/identity.ts",
  "packages/icharger/src/usb-identity.ts",
  "packages/jbd/src/cli/info.ts",
  "packages/jk/src/cli/info.ts",
  "packages/jk/src/constants.ts",
  "packages/voltaic/src/cli/info.ts",
  "packages/voltaic/src/serial-link.ts",
];

/** Code that must wait until it is used. */
const LAZY = [
  { what: "device drivers and simulators", pattern: DEVICE_CODE, except: PLUGIN_DESCRIPTIONS },
  { what: "charts", pattern: /^examples\/web-dashboard\/src\/charts\/|uplot/i },
  { what: "settings editor", pattern: /^examples\/web-dashboard\/src\/ui\/settings\// },
  // The gateway's entry form is on the first screen; its connection and the MQTT client are not.
  { what: "gateway connection and MQTT client", pattern: /^examples\/web-dashboard\/src\/remote\/(?!gateway-form|gateway-url)|mqtt/i },
];

describe("bundle", () => {
  it("the main chunk holds the shell, not the parts loaded on first use", () => {
    expect(report.main.sources.length).toBeGreaterThan(10);
    expect(report.main.sources).toContain("examples/web-dashboard/src/main.ts");
    for (const { what, pattern, except = [] } of LAZY) expect(report.main.sources.filter((s) => pattern.test(s) && !except.includes(s)), what).toEqual([]);
  });

  it("the main chunk holds the device packages' plugin descriptions for the menu, and nothing else of theirs", () => {
    expect(report.main.sources.filter((s) => DEVICE_CODE.test(s)).sort()).toEqual(PLUGIN_DESCRIPTIONS);
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

  it("the page fetches no device plugin until a device is used, then only that device's", async () => {
    const plugin = (id: string): string => {
      const part = report.lazy.find((p) => p.module.startsWith(`packages/${id}/src/cli`));
      if (!part) throw new Error(`no chunk of its own for the ${id} plugin`);
      return part.file;
    };
    const plugins = ["jbd", "jk", "icharger", "voltaic", "evcharger"].map(plugin);
    const page = await dashboard.open();
    // The menu is ready (body[data-ready]) with every device listed, from the descriptions alone.
    expect(await page.locator("#device option").count()).toBe(6);
    const atLoad = await fetched(page);
    const gzip = atLoad.reduce((sum, r) => sum + gzipSync(readFileSync(join(dashboard.outDir, r.file)), { level: 9 }).length, 0);
    console.log(`requested at page load: ${atLoad.length} files, ${kilobytes(atLoad.reduce((sum, r) => sum + r.bytes, 0))} (gzip ${kilobytes(gzip)})`);
    expect(atLoad.map((r) => r.file)).toContain(report.main.file);
    expect(atLoad.filter((r) => plugins.includes(r.file))).toEqual([]);

    await startDemo(page, "jbd");
    const afterDemo = (await fetched(page)).map((r) => r.file);
    expect(afterDemo).toContain(plugin("jbd"));
    expect(afterDemo.filter((f) => plugins.includes(f) && f !== plugin("jbd"))).toEqual([]);
    await page.close();
  }, 60_000);
});

/** The files the page has fetched so far (paths relative to the build, as the manifest names them) and their sizes. */
function fetched(page: Page): Promise<{ file: string; bytes: number }[]> {
  return page.evaluate(() =>
    (performance.getEntriesByType("resource") as PerformanceResourceTiming[]).map((e) => ({ file: new URL(e.name).pathname.slice(1), bytes: e.encodedBodySize })),
  );
}
