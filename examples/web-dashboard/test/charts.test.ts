import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import uPlot from "uplot";
import { groupSeries } from "../src/charts/chart-groups.js";
import { nanAwareRange, nanGaps } from "../src/charts/nan-aware.js";
import type { SeriesInfo } from "../src/history/series-info.js";
import { SCREENSHOTS, dashboardForFile, startDemo } from "./harness.js";
import { nextReadings, smallText } from "./page-checks.js";

// The Charts tab against the device simulators in the page: uPlot loaded only when the tab opens,
// one chart per group of units, legends that name units and switch lines off, drag-zoom, CSV export
// of the whole session, and a phone-width layout.

const dashboard = dashboardForFile();

/** Every script and style sheet the page has fetched so far. */
function fetched(page: Page): Promise<string[]> {
  return page.evaluate(() => performance.getEntriesByType("resource").map((e) => e.name));
}

const chart = (page: Page, id: string): Locator => page.locator(`.chart[data-chart="${id}"]`);
const legendLabels = (c: Locator): Promise<string[]> => c.locator(".u-legend .u-series .u-label").allInnerTexts();
const dataset = (c: Locator, name: string): Promise<number> => c.evaluate((e, n) => Number((e as HTMLElement).dataset[n]), name);

async function openCharts(page: Page): Promise<void> {
  await page.click('[data-tab="charts"]');
  await page.locator(".chart canvas").first().waitFor();
}

/** Exports the CSV: the file's name and its lines (without the final empty one). */
async function exportCsv(page: Page): Promise<{ name: string; lines: string[] }> {
  const [download] = await Promise.all([page.waitForEvent("download"), page.click('[data-action="export-csv"]')]);
  const text = await readFile((await download.path())!, "utf8");
  return { name: download.suggestedFilename(), lines: text.split("\r\n").slice(0, -1) };
}

const uPlotRange = (min: number, max: number): uPlot.Range.MinMax => uPlot.rangeNum(min, max, 0.1, true);

describe("chart groups (Node)", () => {
  const s = (key: string, unit: SeriesInfo["unit"], extra: Partial<SeriesInfo> = {}): SeriesInfo => ({ key, name: key, ...(unit ? { unit } : {}), kind: "voltage", decimals: 2, precise: false, ...extra });

  it("puts voltage and current together, cells (and their statistics, off) on their own chart, each other unit alone, counts nowhere", () => {
    const series = [
      s("voltage", "V"),
      s("current", "A"),
      s("cell_1", "V", { cell: 1 }),
      s("cell_2", "V", { cell: 2 }),
      s("cell_min", "V"),
      s("cell_delta", "V"),
      s("power", "W"),
      s("temperature_1", "°C"),
      s("cycles", undefined),
      s("runtime", "s"),
      s("soc", "%"),
    ];
    expect(groupSeries(series).map((g) => [g.id, g.units, g.members, [...g.hidden]])).toEqual([
      ["voltage-current", ["V", "A"], [0, 1], []],
      ["cells", ["V"], [2, 3, 4, 5], [4, 5]],
      ["power", ["W"], [6], []],
      ["soc", ["%"], [10], []],
      ["temperature", ["°C"], [7], []],
      ["duration", ["s"], [9], []],
    ]);
  });
});

describe("NaN gaps for uPlot (Node)", () => {
  // A uPlot-shaped stand-in: x from 0 to 9 s drawn on 0–90 canvas px, one series on scale "V".
  const xs = Float64Array.from({ length: 10 }, (_, i) => i);
  const fake = (ys: Float32Array, show = true): uPlot =>
    ({
      data: [xs, ys],
      series: [{ idxs: [0, 9] }, { scale: "V", show }],
      valToPos: (v: number) => v * 10,
    }) as unknown as uPlot;

  it("ranges a scale over the numbers only, and a flat line gets a band", () => {
    const ys = Float32Array.from([NaN, NaN, 3, 3.5, NaN, 4, 4, 4, 4, NaN]);
    const [min, max] = nanAwareRange()(fake(ys), NaN, NaN, "V");
    expect(min).toBeLessThanOrEqual(3);
    expect(max).toBeGreaterThanOrEqual(4);
    expect(max! - min!).toBeLessThan(2);
    expect(nanAwareRange()(fake(Float32Array.from({ length: 10 }, () => 2)), NaN, NaN, "V")).toEqual([1.96, 2.04]);
    expect(nanAwareRange()(fake(new Float32Array(10).fill(NaN)), NaN, NaN, "V")).toEqual([0, 1]);
    expect(nanAwareRange()(fake(ys, false), NaN, NaN, "V")).toEqual([0, 1]);
  });

  it("breaks the line from the sample before each NaN run to the sample after it", () => {
    const ys = Float32Array.from([NaN, NaN, 3, 3.5, NaN, 4, 4, NaN, NaN, NaN]);
    expect(nanGaps()(fake(ys), 1, 0, 9, [])).toEqual([
      [0, 20],
      [30, 50],
      [60, 90],
    ]);
  });

  it("takes the history's facts instead of scanning, when the whole session is in view and no gap follows the first number", () => {
    // Samples that contradict the facts show which were used.
    const ys = Float32Array.from([NaN, NaN, 3, 3, 3, 3, 3, 3, 3, 3]);
    const facts = () => ({ first: 2, gapsAfterFirst: false, min: 1, max: 5 });
    expect(nanAwareRange(facts)(fake(ys), NaN, NaN, "V")).toEqual(uPlotRange(1, 5));
    expect(nanGaps(facts)(fake(ys), 1, 0, 9, [])).toEqual([[0, 20]]);
    // Zoomed in, the view's samples are scanned.
    const zoomed = fake(ys);
    zoomed.series[0]!.idxs = [3, 6];
    expect(nanAwareRange(facts)(zoomed, NaN, NaN, "V")).toEqual([2.94, 3.06]);
  });
});

describe("charts", () => {
  it("JBD demo (desktop): uPlot loads with the tab; a chart per unit group; legend toggles lines; drag zooms; CSV grows", async () => {
    const page = await dashboard.open("desktop");
    await startDemo(page, "jbd");
    await nextReadings(page, 3);
    // Watching live fetches no chart code: the chart chunk (uPlot inside) comes with the tab.
    expect((await fetched(page)).filter((url) => /charts-panel/.test(url))).toEqual([]);
    await openCharts(page);
    const chunks = (await fetched(page)).filter((url) => /charts-panel-[\w-]+\.js$/.test(url));
    expect(chunks).toHaveLength(1);

    const ids = await page.locator(".chart").evaluateAll((es) => es.map((e) => (e as HTMLElement).dataset["chart"]));
    expect(ids).toEqual(["voltage-current", "cells", "power", "soc", "temperature", "charge"]);
    for (const id of ids) expect(await chart(page, id!).locator("canvas").count()).toBe(1);
    expect(await chart(page, "voltage-current").locator("figcaption").innerText()).toBe("Voltage & current");
    // Two axes, one per unit (uPlot draws them on the canvas; the figure names them).
    expect(await chart(page, "voltage-current").getAttribute("data-units")).toBe("V A");

    const vc = chart(page, "voltage-current");
    expect(await legendLabels(vc)).toEqual(["Time", "Voltage (V)", "Current (A)"]);
    expect(await legendLabels(chart(page, "cells"))).toEqual(["Time", "Cell 1 (V)", "Cell 2 (V)", "Cell 3 (V)", "Cell 4 (V)", "Lowest cell (V)", "Highest cell (V)", "Cell difference (V)"]);
    // The cells' statistics start switched off; a click on a legend entry switches a line off.
    expect(await chart(page, "cells").locator(".u-legend .u-series.u-off .u-label").allInnerTexts()).toEqual(["Lowest cell (V)", "Highest cell (V)", "Cell difference (V)"]);
    const current = vc.locator(".u-legend .u-series").filter({ hasText: "Current (A)" });
    expect(await current.getAttribute("class")).not.toContain("u-off");
    await current.locator("th").click();
    expect(await current.getAttribute("class")).toContain("u-off");

    // Hover: the legend shows the values under the cursor, with units.
    const over = vc.locator(".u-over");
    const box = (await over.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.9, box.y + box.height / 2);
    expect(await vc.locator(".u-legend .u-series").nth(1).locator(".u-value").innerText()).toMatch(/^\d+\.\d\d V$/);

    // Drag-zoom narrows the x scale and holds while readings arrive; double-click goes back to all.
    await nextReadings(page, 4);
    const fullMin = await dataset(vc, "xMin");
    const fullMax = await dataset(vc, "xMax");
    expect(fullMax).toBeGreaterThan(fullMin);
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    const zoomMin = await dataset(vc, "xMin");
    const zoomMax = await dataset(vc, "xMax");
    expect(zoomMin).toBeGreaterThan(fullMin);
    expect(zoomMax).toBeLessThan(fullMax);
    await nextReadings(page, 2);
    expect([await dataset(vc, "xMin"), await dataset(vc, "xMax")]).toEqual([zoomMin, zoomMax]);
    await dashboard.screenshot(page, "charts-jbd-zoomed-desktop");
    await over.dblclick({ position: { x: box.width / 2, y: box.height / 2 } });
    expect(await dataset(vc, "xMin")).toBe(fullMin);
    expect(await dataset(vc, "xMax")).toBeGreaterThan(zoomMax);

    // CSV: the whole session, a column per series with its unit, and more rows as readings arrive.
    // Counted before the export: readings arriving meanwhile may add rows, never remove them.
    const samples = Number(await page.locator(".charts").getAttribute("data-samples"));
    const first = await exportCsv(page);
    expect(first.name).toMatch(/^jbd-sim-4s-history-\d{4}-\d\d-\d\d\.csv$/);
    const header = first.lines[0]!.split(",");
    expect(header.slice(0, 4)).toEqual(["time (UTC)", "Voltage (V)", "Current (A)", "Power (W)"]);
    expect(header).toEqual(expect.arrayContaining(["Cell 1 (V)", "Cell 4 (V)", "Temperature 1 (°C)", "State of charge (%)"]));
    expect(first.lines[1]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z,\d+\.?\d*,-?\d/);
    expect(first.lines[1]!.split(",")).toHaveLength(header.length);
    expect(first.lines.length - 1).toBeGreaterThanOrEqual(samples);
    await nextReadings(page, 2);
    const second = await exportCsv(page);
    expect(second.lines.length).toBeGreaterThanOrEqual(first.lines.length + 2);
    expect(second.lines.slice(0, first.lines.length)).toEqual(first.lines);

    expect(await smallText(page)).toEqual([]);
    await dashboard.screenshot(page, "charts-jbd-desktop");
    await page.close();
  });

  it("JK-PB two packs (phone): a line per cell of each pack, charts as wide as the screen", async () => {
    const page = await dashboard.open("phone");
    await startDemo(page, "jk-pb");
    await nextReadings(page, 2);
    await openCharts(page);
    const cells = chart(page, "cells");
    // 38 legend entries would fill screens: on a phone that legend starts closed, one tap opens it.
    const legend = cells.locator("details.chart-legend");
    expect(await legend.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    expect(await chart(page, "power").locator("details.chart-legend").evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    await legend.locator("summary").click();
    expect(await legend.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    const labels = await legendLabels(cells);
    const cellLabels = labels.filter((l) => /^Pack \d Cell \d+ \(V\)$/.test(l));
    expect(cellLabels).toHaveLength(32);
    expect(cellLabels[0]).toBe("Pack 1 Cell 1 (V)");
    expect(cellLabels[31]).toBe("Pack 2 Cell 16 (V)");
    await nextReadings(page, 2);
    const width = await page.evaluate(() => window.innerWidth);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    for (const c of await page.locator(".chart").all()) {
      const figure = (await c.boundingBox())!;
      const canvas = (await c.locator("canvas").boundingBox())!;
      expect(figure.x).toBeGreaterThanOrEqual(0);
      expect(figure.x + figure.width).toBeLessThanOrEqual(width);
      expect(canvas.x + canvas.width).toBeLessThanOrEqual(figure.x + figure.width);
    }
    expect(await smallText(page)).toEqual([]);
    await dashboard.screenshot(page, "charts-jkpb-phone");
    // What the phone's screen shows first, at full size (the full page is long: a legend entry per cell).
    await page.screenshot({ path: join(SCREENSHOTS, "charts-jkpb-phone-screen.png") });
    await chart(page, "cells").scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOTS, "charts-jkpb-phone-cells.png") });
    await page.close();
  });

  it("saw no console errors or warnings", () => {
    expect(dashboard.problems).toEqual([]);
  });
});
