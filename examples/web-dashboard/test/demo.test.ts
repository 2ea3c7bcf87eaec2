import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMOS, type ChannelExpectation } from "./demo-expectations.js";
import { dashboardForFile, startDemo, type ViewportName } from "./harness.js";
import { COLOURS, colours } from "./page-checks.js";

// Every device kind's demo (its plugin's own simulator in the page) at desktop and phone size: what
// each battery's panel and the device's panel show, coloured by meaning, with a screenshot of each.

const dashboard = dashboardForFile();

const text = (page: Page, selector: string): Promise<string> => page.locator(selector).first().innerText();

async function checkChannel(page: Page, index: number, expected: ChannelExpectation): Promise<void> {
  const channel = `[data-channel="${index}"]`;
  expect(await page.locator(`${channel} .cells-chart rect.cell-bar`).count()).toBe(expected.cells);
  const cells = (await page.locator(`${channel} .cells-chart .cell-value`).allTextContents()).map(Number);
  expect(cells).toHaveLength(expected.cells);
  for (const v of cells) {
    expect(v).toBeGreaterThan(expected.cellVolts[0]);
    expect(v).toBeLessThan(expected.cellVolts[1]);
  }
  const voltage = await text(page, `${channel} [data-field="voltage"]`);
  expect(voltage).toMatch(/^\d+\.\d\d V$/);
  if (expected.cells > 0) {
    const min = Math.min(...cells);
    const max = Math.max(...cells);
    // The lowest and highest cell are marked, unless all cells are equal.
    expect(await page.locator(`${channel} .cell.min`).count()).toBe(max > min ? 1 : 0);
    expect(await page.locator(`${channel} .cell.max`).count()).toBe(max > min ? 1 : 0);
    expect(await text(page, `${channel} [data-field="cell-min"]`)).toContain(`min ${min.toFixed(3)} V`);
    expect(await text(page, `${channel} [data-field="cell-max"]`)).toContain(`max ${max.toFixed(3)} V`);
    expect(await text(page, `${channel} [data-field="cell-delta"]`)).toBe(`Δ ${Math.round((max - min) * 1000)} mV`);
    // The pack (or output) voltage is about the sum of the cells: both come from the simulator's one pack.
    expect(Math.abs(parseFloat(voltage) - cells.reduce((a, b) => a + b, 0))).toBeLessThan(0.15);
  }
  expect(await text(page, `${channel} [data-field="current"]`)).toMatch(/^[+−]?\d+\.\d\d A$/);
  expect(await text(page, `${channel} [data-field="power"]`)).toMatch(/^[+−]?\d+ W$/);
  const soc = page.locator(`${channel} [data-field="soc"]`);
  if (expected.soc) {
    expect(await soc.innerText()).toMatch(/^\d+ %$/);
    expect(parseInt(await soc.innerText(), 10)).toBeGreaterThan(0);
  } else {
    expect(await soc.isHidden()).toBe(true);
  }

  const temperatures = (await page.locator(`${channel} [data-field="temperatures"] li`).allInnerTexts()).map((t) => t.replace(/\s+/g, " "));
  expect(temperatures).toEqual(Array.from({ length: expected.temperatures }, (_, i) => expect.stringMatching(new RegExp(`^T${i + 1} -?\\d+\\.\\d °C$`))));
  // A device without probes shows no empty box.
  expect(await page.locator(`${channel} [data-field="temperatures"]`).isVisible()).toBe(expected.temperatures > 0);

  const switches = (await page.locator(`${channel} [data-field="switches"] li`).allInnerTexts()).map((s) => s.replace(/\s+/g, " "));
  expect(switches.map((s) => s.replace(/ (ON|OFF)$/, ""))).toEqual(expected.switches);
  for (const s of switches) expect(s).toMatch(/ (ON|OFF)$/);
  // Off is neutral and on a calm accent: a switched-off balancer or an idle channel is not an alarm.
  for (const c of await colours(page, `${channel} [data-field="switches"] li[data-on="false"] .state`)) expect(c).toBe(COLOURS.neutral);
  for (const c of await colours(page, `${channel} [data-field="switches"] li[data-on="true"] .state`)) expect(c).toBe(COLOURS.on);

  // An alarm list is always there: the active ones, or "None".
  const alarms = await page.locator(`${channel} [data-field="alarms"] li`).allInnerTexts();
  expect(alarms.length).toBeGreaterThan(0);
  for (const series of ["voltage", "current"]) {
    expect(await page.locator(`${channel} .history-chart polyline[data-series="${series}"]`).count()).toBe(1);
  }
}

for (const size of ["desktop", "phone"] as const satisfies readonly ViewportName[]) {
  describe(`every device's demo at ${size} size`, () => {
    let page: Page;

    beforeAll(async () => {
      page = await dashboard.open(size);
    });

    afterAll(async () => {
      await page?.close();
    });

    it("starts on the first screen, with every device in the menu", async () => {
      expect(await page.locator("#welcome").isVisible()).toBe(true);
      expect(await page.locator("#device option").allInnerTexts()).toEqual(DEMOS.map((d) => d.title));
      await dashboard.screenshot(page, `first-screen-${size}`);
    });

    for (const demo of DEMOS) {
      it(`${demo.id}: every battery's panel and the device's own measurements, live from the plugin's simulator`, async () => {
        await startDemo(page, demo.id);
        // A few polls, so that the history has a line to draw.
        await page.waitForFunction(
          (n) =>
            Array.from(document.querySelectorAll('polyline[data-series="voltage"]')).every((p) => (p.getAttribute("points")?.split(" ").length ?? 0) >= 4) &&
            document.querySelectorAll("[data-channel]").length === n,
          demo.channels.length,
          { polling: 100, timeout: 15_000 },
        );
        expect(await page.locator("#welcome").isHidden()).toBe(true);
        expect(await page.locator("[data-channel]").count()).toBe(demo.channels.length);
        for (const [i, expected] of demo.channels.entries()) await checkChannel(page, i, expected);
        const deviceLabels = await page.locator('[data-field="device"] dt').allInnerTexts();
        for (const label of demo.device) expect(deviceLabels).toContain(label);
        expect(await page.locator("[data-device]").isHidden()).toBe(demo.device.length === 0);
        // Nothing on screen is a value the reading does not have: no "–" placeholders, no probe that is not there.
        expect(await page.locator('[data-field="device"] dd, [data-field="details"] dd').allInnerTexts()).not.toContain("-");
        await dashboard.screenshot(page, `demo-${demo.id}-${size}`);

        // Readings keep coming while the demo runs: the status line counts them.
        const before = await page.locator("#status").getAttribute("data-readings");
        await page.waitForFunction((old) => document.querySelector("#status")?.getAttribute("data-readings") !== old, before, { polling: 100, timeout: 5000 });

        await page.click("#disconnect");
        await page.waitForSelector('#status[data-state="idle"]');
        expect(await page.locator("#demo").isEnabled()).toBe(true);
        expect(await page.locator("#disconnect").isDisabled()).toBe(true);
        // Back to the first screen.
        expect(await page.locator("#welcome").isVisible()).toBe(true);
      });
    }

    it("iCharger: a temperature only where the channel has a probe, never the register's 0.0 °C", async () => {
      await startDemo(page, "icharger");
      await page.waitForFunction(() => document.querySelectorAll("[data-channel]").length === 2, undefined, { polling: 100 });
      const shown = (await page.locator('[data-field="temperatures"] li, [data-field="details"] dd, [data-field="device"] dd').allInnerTexts()).map((t) => t.replace(/\s+/g, " "));
      expect(shown.filter((t) => /°C/.test(t)).length).toBeGreaterThan(0);
      for (const t of shown) expect(t).not.toMatch(/(^|\s)0\.0 °C/);
      // Both channels idle: Charge and Discharge OFF are grey, not red.
      expect(await colours(page, '[data-field="switches"] li[data-on="false"] .state')).toEqual(expect.arrayContaining([COLOURS.neutral]));
      expect(await colours(page, '[data-field="switches"] .state')).not.toContain(COLOURS.alarm);
      await page.click("#disconnect");
      await page.waitForSelector('#status[data-state="idle"]');
    });

    it("selecting from the first screen: the demo button there starts the same demo", async () => {
      await page.selectOption("#device", "jbd");
      await page.click("#welcome-demo");
      await page.waitForSelector('#status[data-state="live"]', { timeout: 15_000 });
      expect(await page.locator("[data-channel]").count()).toBe(1);
      await page.click("#disconnect");
      await page.waitForSelector('#status[data-state="idle"]');
    });
  });
}

describe("the demo runs", () => {
  it("left no console errors or warnings", () => {
    expect(dashboard.problems).toEqual([]);
  });
});
