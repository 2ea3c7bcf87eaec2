import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dashboardForFile, startDemo, type ViewportName } from "./harness.js";
import { overflow, smallTargets, smallText } from "./page-checks.js";

// Legible on a phone (390×844) and dense on a desktop (1280): no text under 12 CSS px as drawn (the
// SVG charts' text included), no sideways scrolling, and on the phone buttons and tabs at least 40 px.

const dashboard = dashboardForFile();

async function checkLayout(page: Page, size: ViewportName): Promise<void> {
  expect(await smallText(page)).toEqual([]);
  expect(await overflow(page)).toBeLessThanOrEqual(0);
  if (size === "phone") expect(await smallTargets(page)).toEqual([]);
}

/** Waits until the demo's charts have drawn a few readings. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const lines = Array.from(document.querySelectorAll('[data-tab-body="live"]:not([hidden]) polyline[data-series="voltage"]'));
      return lines.length > 0 && lines.every((p) => (p.getAttribute("points")?.split(" ").length ?? 0) >= 3);
    },
    undefined,
    { polling: 100, timeout: 15_000 },
  );
}

for (const size of ["phone", "desktop"] as const) {
  describe(`layout at ${size} size`, () => {
    let page: Page;

    beforeAll(async () => {
      page = await dashboard.open(size);
    });

    afterAll(async () => {
      await page?.close();
    });

    it("the first screen", async () => {
      await checkLayout(page, size);
    });

    // The 16-cell packs draw their narrowest bars; the charger has two channels; the EV charger only its own panel.
    for (const id of ["jk", "jk-pb", "icharger", "voltaic", "evcharger"]) {
      it(`${id} demo, Live tab`, async () => {
        await startDemo(page, id);
        if (id !== "evcharger") await settled(page);
        await checkLayout(page, size);
        if (size === "phone") {
          // The tabs share the width and are easy to hit.
          const tabs = await page.locator('[role="tab"]:visible').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height));
          expect(tabs.length).toBeGreaterThanOrEqual(2);
          for (const h of tabs) expect(h).toBeGreaterThanOrEqual(40);
        }
        await page.click("#disconnect");
        await page.waitForSelector('#status[data-state="idle"]');
      });
    }

    it("jbd demo, Charts and Settings tabs", async () => {
      await startDemo(page, "jbd");
      await settled(page);
      await page.click('[role="tab"][data-tab="charts"]');
      await page.waitForSelector('[data-tab-body="charts"]:not([hidden]) > *', { timeout: 15_000 });
      await page.waitForTimeout(1500);
      await checkLayout(page, size);
      await dashboard.screenshot(page, `layout-charts-jbd-${size}`);
      await page.click('[role="tab"][data-tab="settings"]');
      await page.waitForSelector('[data-tab-body="settings"]:not([hidden]) > *', { timeout: 15_000 });
      await page.waitForTimeout(1500);
      await checkLayout(page, size);
      await dashboard.screenshot(page, `layout-settings-jbd-${size}`);
      await page.click('[role="tab"][data-tab="live"]');
      await page.click("#disconnect");
      await page.waitForSelector('#status[data-state="idle"]');
    });

    it("cells chart text keeps 12 px on 16 narrow bars (values turned on their side on a phone)", async () => {
      await startDemo(page, "jk");
      await settled(page);
      const sizes = await page.locator(".cells-chart text").evaluateAll((els) =>
        els.map((e) => parseFloat(getComputedStyle(e).fontSize) * Math.hypot((e as SVGGraphicsElement).getScreenCTM()?.a ?? 1, (e as SVGGraphicsElement).getScreenCTM()?.b ?? 0)),
      );
      expect(sizes.length).toBe(32);
      for (const px of sizes) expect(px).toBeCloseTo(12, 1);
      expect(await page.locator(".cells-chart .cell-value.turned").count()).toBe(size === "phone" ? 16 : 0);
      await page.click("#disconnect");
      await page.waitForSelector('#status[data-state="idle"]');
    });
  });
}

describe("layout", () => {
  it("left no console errors or warnings", () => {
    expect(dashboard.problems).toEqual([]);
  });
});
