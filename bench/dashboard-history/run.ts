/**
 * bench/dashboard-history: what the web dashboard's History costs for a whole session. Pushes 12 h at 1 Hz
 * (43,200 readings) of a 16-cell pack (a JBD-like reading as core's makeReading assembles it: 33
 * measurements, 30 of them numeric) into History and reports:
 * - CPU time per push, and its ratio to the reference;
 * - bytes retained (JS heap plus ArrayBuffers, after a full GC), and their ratio to the reference;
 * - the time to build the CSV of the session, and its size.
 * The reference, measured in this same run on the same readings: what a page would write first, a plain
 * array with one object per sample (`{ time, values: { [key]: number } }`).
 * Then 72 h at 1 Hz (past History's 131,072-sample capacity, so pairs get merged): time per push and what
 * is kept.
 * Last, in headless Chromium (page/: the Charts tab on a History filled in the page, 1280×1000): the chart
 * work in the animation frames after 40 readings (one a frame), its mean (what a reading costs: charts
 * with hours in view redraw only once a pixel's worth of samples came) and its most (a full redraw of the
 * charts on screen), with the whole session in the history, as ratios to the same with 10 minutes in it.
 * Times are the least of 3 runs (CPU time of this process), so other work on a shared machine disturbs them
 * less.
 *
 * Usage: pnpm bench dashboard-history [--hours 12] [--no-browser]
 */
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { chromium } from "playwright-core";
import { build } from "vite";
import type { DeviceReading } from "@batt/core";
import { ManualClock } from "@batt/core/testing";
import { historyCsvParts } from "../../examples/web-dashboard/src/history/history-csv.js";
import { History } from "../../examples/web-dashboard/src/history/history.js";
import type { BenchPage } from "./page/main.js";
import { packReading } from "./readings.js";

const { values } = parseArgs({ options: { hours: { type: "string", default: "12" }, browser: { type: "boolean", default: true } } });
const SAMPLES = Math.round(Number(values.hours) * 3600);
const RUNS = 3;
/** Distinct readings cycled through (their times are set per push): 10 minutes of a changing pack. */
const POOL = 600;

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

/** Readings of a 16-cell pack, made once. */
function pool(): DeviceReading<unknown>[] {
  const clock = new ManualClock();
  return Array.from({ length: POOL }, (_, i) => {
    clock.advance(1000);
    return packReading(clock, i);
  });
}

/** The reference: one object per sample. */
class ObjectHistory {
  readonly samples: { time: number; values: Record<string, number | null> }[] = [];
  push(reading: DeviceReading<unknown>): void {
    const values: Record<string, number | null> = {};
    for (const m of reading.measurements) if (typeof m.value === "number" || m.value === null) values[m.key] = m.value as number | null;
    this.samples.push({ time: Date.parse(reading.time), values });
  }
}

const readings = pool();
const epoch = Date.UTC(2026, 11, 6);
const times = Array.from({ length: SAMPLES }, (_, i) => new Date(epoch + i * 1000).toISOString());

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function heapBytes(): number {
  gc();
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

interface Measured<T> {
  readonly store: T;
  readonly msPerPush: number;
  readonly bytes: number;
}

/** Pushes `count` readings (times from `times`) into `store`. */
function fill<T extends { push(r: DeviceReading<unknown>): void }>(store: T, count: number): T {
  for (let i = 0; i < count; i++) {
    const r = readings[i % POOL]! as { time: string };
    r.time = times[i % SAMPLES]!;
    store.push(r as DeviceReading<unknown>);
  }
  return store;
}

/** The bytes a filled store retains, measured in a frame of its own, so no earlier store is alive. */
function retained<T extends { push(r: DeviceReading<unknown>): void }>(make: () => T, count: number): { store: T; bytes: number } {
  const before = heapBytes();
  const store = fill(make(), count);
  return { store, bytes: heapBytes() - before };
}

/** The least CPU time per push over RUNS fills of new stores, then the bytes one retains. */
function measureStore<T extends { push(r: DeviceReading<unknown>): void }>(make: () => T, count = SAMPLES): Measured<T> {
  let best = Infinity;
  for (let run = 0; run < RUNS; run++) {
    const start = cpuMs();
    fill(make(), count);
    best = Math.min(best, cpuMs() - start);
  }
  const { store, bytes } = retained(make, count);
  return { store, msPerPush: best / count, bytes };
}

const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;
const us = (ms: number): string => `${(ms * 1000).toFixed(2)} µs`;

console.log(`${SAMPLES} readings (${values.hours} h at 1 Hz) of a 16-cell pack, ${readings[0]!.measurements.length} measurements each`);
const reference = measureStore(() => new ObjectHistory());
const history = measureStore(() => new History());
console.log(`reference (array of objects): ${us(reference.msPerPush)} per push, ${mb(reference.bytes)} retained`);
console.log(`History:                      ${us(history.msPerPush)} per push, ${mb(history.bytes)} retained (typed arrays: ${mb(history.store.bytes)}, ${history.store.series.length} series)`);
console.log(`ratios History / reference:   time ${(history.msPerPush / reference.msPerPush).toFixed(2)}, bytes ${(history.bytes / reference.bytes).toFixed(3)}`);

let csvMs = Infinity;
let csvChars = 0;
for (let run = 0; run < RUNS; run++) {
  const start = cpuMs();
  const parts = historyCsvParts(history.store);
  csvMs = Math.min(csvMs, cpuMs() - start);
  csvChars = parts.reduce((n, p) => n + p.length, 0);
}
console.log(`CSV of the session: ${csvMs.toFixed(0)} ms, ${mb(csvChars)} (${SAMPLES + 1} lines), ${(csvMs / (reference.msPerPush * SAMPLES)).toFixed(1)}× the reference's whole session of pushes`);

const long = SAMPLES * 6;
const over = measureStore(() => new History(), long);
console.log(
  `${long} readings (${(long / 3600).toFixed(0)} h, past the ${History.DEFAULT_CAPACITY}-sample capacity): ${us(over.msPerPush)} per push (${(over.msPerPush / history.msPerPush).toFixed(2)}× the 12 h run's), ` +
    `${over.store.length} samples kept after ${over.store.merges} merges, ${mb(over.bytes)} retained`,
);

/** Builds page/ with vite, serves it from 127.0.0.1 and times a live update in Chromium at 10 min and at the whole session. */
async function browserUpdate(): Promise<void> {
  const root = fileURLToPath(new URL("./page/", import.meta.url));
  const outDir = join(process.env["BENCH_OUT_DIR"] ?? fileURLToPath(new URL("../../.bench-out", import.meta.url)), "dashboard-history", "page");
  await build({ root, configFile: false, logLevel: "warn", base: "./", resolve: { conditions: ["@batt/source", "module", "browser", "development|production"] }, build: { outDir, emptyOutDir: true, target: "es2022" } });
  const types: Record<string, string> = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css" };
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://127.0.0.1").pathname;
    const file = normalize(join(outDir, path === "/" ? "index.html" : path));
    readFile(file).then(
      (body) => response.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" }).end(body),
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const browser = await chromium.launch({ executablePath: process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const problems: string[] = [];
    page.on("pageerror", (e) => problems.push(e.message));
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await page.waitForSelector("body[data-ready]");
    const timeAt = async (samples: number): Promise<{ mean: number; max: number }> => {
      await page.evaluate((n) => (window as unknown as { bench: BenchPage }).bench.fillTo(n), samples);
      return page.evaluate(() => (window as unknown as { bench: BenchPage }).bench.update(40));
    };
    const short = await timeAt(600);
    const whole = await timeAt(SAMPLES);
    const charts = await page.locator(".chart canvas").count();
    const inView = await page.evaluate(() => Array.from(document.querySelectorAll(".chart")).filter((c) => c.getBoundingClientRect().top < innerHeight).length);
    console.log(`Chromium, chart work per reading (${charts} charts, ${inView} in view), 600 samples → ${SAMPLES}:`);
    console.log(`  mean ${short.mean.toFixed(2)} → ${whole.mean.toFixed(2)} ms (ratio ${(whole.mean / short.mean).toFixed(2)}), full redraw ${short.max.toFixed(1)} → ${whole.max.toFixed(1)} ms (ratio ${(whole.max / short.max).toFixed(1)})`);
    if (problems.length > 0) throw new Error(`page errors: ${problems.join("; ")}`);
  } finally {
    await browser.close();
    server.close();
  }
}

if (values.browser) await browserUpdate();
