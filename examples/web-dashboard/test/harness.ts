import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { extname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type BrowserContextOptions, type Page } from "playwright-core";
import { build } from "vite";
import { afterAll, beforeAll } from "vitest";

// Builds the dashboard as a person would (`vite build`), serves the static files from 127.0.0.1 and
// opens pages in headless Chromium: no network, no hardware. One per test file.

/** The dashboard's folder. */
export const DASHBOARD = fileURLToPath(new URL("..", import.meta.url));
/** Where screenshots are kept as test artefacts. */
export const SCREENSHOTS = resolve(DASHBOARD, "../../.bench-out/web-dashboard");
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const TYPES: Record<string, string> = {
  ".html": "text/html",
  ".js": "text/javascript",
  ".css": "text/css",
  ".map": "application/json",
  ".svg": "image/svg+xml",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
  ".png": "image/png",
};

/** Screen sizes every page test runs at. */
export const VIEWPORTS = {
  desktop: { viewport: { width: 1280, height: 1000 } },
  phone: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
} as const satisfies Record<string, BrowserContextOptions>;

/** A size's name. */
export type ViewportName = keyof typeof VIEWPORTS;

/** A built and served dashboard with a browser. */
export interface Dashboard {
  /** The page's address (`http://127.0.0.1:PORT/`). */
  readonly url: string;
  readonly browser: Browser;
  /** Console errors and warnings and uncaught exceptions of every page opened with {@link Dashboard.open}. */
  readonly problems: string[];
  /**
   * Opens the dashboard in a new context of the given size, with `init` run before the page's scripts
   * (a fake `navigator.serial`), and waits until the device menu is filled.
   */
  open(size?: ViewportName, init?: { script: (arg: never) => void; arg?: unknown }): Promise<Page>;
  /** The folder the build was written to (its `.vite/manifest.json` says which code went into which chunk). */
  readonly outDir: string;
  /** Stops serving the build (the page's server goes away, as when a laptop leaves the bench's network). */
  stopServing(): Promise<void>;
  /** Saves a full-page screenshot as `.bench-out/web-dashboard/<name>.png`. */
  screenshot(page: Page, name: string): Promise<void>;
  /** Closes the browser and the server and removes the build. */
  close(): Promise<void>;
}

function serveStatic(root: string): Promise<Server> {
  const srv = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://127.0.0.1").pathname;
    const file = normalize(join(root, path === "/" ? "index.html" : path));
    if (!file.startsWith(root)) {
      response.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (body) => response.writeHead(200, { "content-type": `${TYPES[extname(file)] ?? "application/octet-stream"}; charset=utf-8` }).end(body),
      () => response.writeHead(404).end(),
    );
  });
  return new Promise((done) => srv.listen(0, "127.0.0.1", () => done(srv)));
}

/** Builds the dashboard into a temporary folder, serves it and launches Chromium. */
export async function startDashboard(): Promise<Dashboard> {
  const outDir = mkdtempSync(join(tmpdir(), "batt-dashboard-"));
  const launching = chromium.launch({ executablePath: process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
  await build({ root: DASHBOARD, configFile: join(DASHBOARD, "vite.config.ts"), logLevel: "silent", build: { outDir, emptyOutDir: true } });
  const server = await serveStatic(outDir);
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const browser = await launching;
  const problems: string[] = [];
  return {
    url,
    browser,
    problems,
    async open(size = "desktop", init) {
      const context = await browser.newContext(VIEWPORTS[size]);
      const page = await context.newPage();
      page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
      page.on("console", (msg) => {
        if (msg.type() === "error" || msg.type() === "warning") problems.push(`${msg.type()}: ${msg.text()}`);
      });
      page.on("close", () => void context.close().catch(() => undefined));
      if (init) await page.addInitScript(init.script as (arg: unknown) => void, init.arg);
      await page.goto(url);
      await page.waitForSelector("body[data-ready]");
      return page;
    },
    outDir,
    stopServing() {
      server.closeAllConnections();
      return new Promise<void>((done) => (server.listening ? server.close(() => done()) : done()));
    },
    async screenshot(page, name) {
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
    },
    async close() {
      await browser.close();
      server.closeAllConnections();
      await new Promise<void>((done) => (server.listening ? server.close(() => done()) : done()));
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}

/**
 * The dashboard of one test file: started before its tests (`beforeAll`: a build and a browser take
 * a while), closed after them. Call it at the top of the file; use the result inside tests, where it
 * stands for the started dashboard.
 */
export function dashboardForFile(): Dashboard {
  let started: Dashboard | undefined;
  beforeAll(async () => {
    started = await startDashboard();
  }, 120_000);
  afterAll(async () => {
    await started?.close();
  });
  // A stand-in, because the dashboard exists only once `beforeAll` has run.
  return new Proxy({} as Dashboard, {
    get(_, key) {
      if (!started) throw new Error("the dashboard is started before the tests: use it inside one");
      return Reflect.get(started, key) as unknown;
    },
  });
}

/** Starts a device's demo in the page and waits for its first readings. */
export async function startDemo(page: Page, device: string): Promise<void> {
  await page.selectOption("#device", device);
  await page.click("#demo");
  await page.waitForSelector('#status[data-state="live"]', { timeout: 15_000 });
}
