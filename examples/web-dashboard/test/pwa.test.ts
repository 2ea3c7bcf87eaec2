import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDashboard, startDemo, type Dashboard } from "./harness.js";

// Installable and offline once loaded: the web app manifest and its icons, the service worker that
// precaches the build (cache first), a new build replacing the old one's cache, and the page with
// its demo coming up with the server gone.

let dashboard: Dashboard;
let page: Page;

beforeAll(async () => {
  dashboard = await startDashboard();
  page = await dashboard.open("phone");
});

afterAll(async () => {
  await dashboard?.close();
});

/** The build's files, relative to its folder. */
function builtFiles(dir: string, root = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? builtFiles(join(dir, e.name), root) : [relative(root, join(dir, e.name))]));
}

const swSource = (): string => readFileSync(join(dashboard.outDir, "sw.js"), "utf8");
const versionOf = (source: string): string => JSON.parse(/^const VERSION = (".*");$/m.exec(source)![1]!) as string;
const cacheNames = (): Promise<string[]> => page.evaluate(() => caches.keys());

describe("installable, and offline once loaded", () => {
  it("has a web app manifest with a name, a theme colour and 192 and 512 px icons that load", async () => {
    const href = await page.locator('link[rel="manifest"]').evaluate((l) => (l as HTMLLinkElement).href);
    const manifest = (await (await page.request.get(href)).json()) as { name: string; short_name: string; start_url: string; display: string; theme_color: string; icons: { src: string; sizes: string; type: string }[] };
    expect(manifest).toMatchObject({ name: "@batt dashboard", start_url: "./", display: "standalone", theme_color: "#1f6feb" });
    expect(manifest.icons.map((i) => i.sizes)).toEqual(["any", "192x192", "512x512"]);
    for (const icon of manifest.icons) {
      const response = await page.request.get(new URL(icon.src, href).href);
      expect(response.status()).toBe(200);
      const body = await response.body();
      if (icon.type === "image/png") {
        // PNG header: width and height, big-endian, at bytes 16 and 20.
        const [w, h] = icon.sizes.split("x").map(Number);
        expect([body.readUInt32BE(16), body.readUInt32BE(20)]).toEqual([w, h]);
      }
    }
    expect(await page.locator('meta[name="theme-color"]').getAttribute("content")).toBe("#1f6feb");
  });

  it("the service worker precaches every file of the build (not the source maps) and takes control of the page", async () => {
    const precache = JSON.parse(/^const PRECACHE = (.*);$/m.exec(swSource())![1]!) as string[];
    const expected = builtFiles(dashboard.outDir).filter((f) => !f.endsWith(".map") && !f.startsWith(".vite") && f !== "sw.js");
    expect([...precache].sort()).toEqual(["./", ...expected].sort());
    // Hashed names: a changed file is a new name, which the new build's list (and cache) holds.
    expect(precache.filter((f) => f.startsWith("assets/")).every((f) => /-[\w-]{8}\.(js|css)$/.test(f))).toBe(true);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { polling: 100, timeout: 15_000 });
    expect(await cacheNames()).toEqual([`batt-dashboard-${versionOf(swSource())}`]);
    const cached = await page.evaluate(async (name) => (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname), `batt-dashboard-${versionOf(swSource())}`);
    expect(cached).toHaveLength(precache.length);
  });

  it("a new build installs beside the old one, the page offers a reload, and the old cache is deleted", async () => {
    const old = versionOf(swSource());
    // A rebuilt site is a different sw.js (its version is the hash of the build's files); the server reads files on each request.
    writeFileSync(join(dashboard.outDir, "sw.js"), swSource().replace(/^const VERSION = ".*";$/m, 'const VERSION = "next-build";'));
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    await page.waitForSelector("#update:not([hidden])", { timeout: 15_000 });
    expect(await page.locator("#update").innerText()).toMatch(/new version of the dashboard is ready/);
    // Until the person asks, the old build keeps serving this page.
    expect(await cacheNames()).toEqual(expect.arrayContaining([`batt-dashboard-${old}`, "batt-dashboard-next-build"]));
    await Promise.all([page.waitForEvent("load"), page.click("#update-reload")]);
    await page.waitForSelector("body[data-ready]");
    await page.waitForFunction(() => caches.keys().then((k) => k.length === 1 && k[0] === "batt-dashboard-next-build"), undefined, { polling: 100, timeout: 15_000 });
    expect(await page.locator("#update").isHidden()).toBe(true);
  });

  it("with the server gone, a reload brings the page back and every device's demo, charts included, runs from the cache", async () => {
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { polling: 100 });
    await dashboard.stopServing();
    // The server is really gone.
    await expect(fetch(dashboard.url)).rejects.toThrow();
    await page.reload();
    await page.waitForSelector("body[data-ready]");
    expect(await page.locator("#welcome").isVisible()).toBe(true);
    for (const id of ["jbd", "jk", "jk-pb", "icharger", "voltaic", "evcharger"]) {
      await startDemo(page, id);
      await page.click("#disconnect");
      await page.waitForSelector('#status[data-state="idle"]');
    }
    await startDemo(page, "jk");
    expect(await page.locator(".cells-chart rect.cell-bar").count()).toBe(16);
    // The charts are loaded on first use: from the cache here.
    await page.click('[role="tab"][data-tab="charts"]');
    await page.waitForSelector('[data-tab-body="charts"]:not([hidden]) > *', { timeout: 15_000 });
    await dashboard.screenshot(page, "offline-jk-charts-phone");
  });

  it("left no console errors or warnings", () => {
    expect(dashboard.problems).toEqual([]);
  });
});
