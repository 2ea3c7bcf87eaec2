import type { Page } from "playwright-core";

/** Colours of the style sheet, as `getComputedStyle` reports them. */
export const COLOURS = {
  /** --neutral-ink: an off switch, an idle state. */
  neutral: "rgb(93, 103, 117)",
  /** --accent-ink: an on switch. */
  on: "rgb(22, 89, 199)",
  /** --warn-ink: a look is needed. */
  warning: "rgb(154, 77, 0)",
  /** --alarm-ink: a protection or fault. */
  alarm: "rgb(180, 35, 24)",
} as const;

/** The computed text colour of every element matching `selector`. */
export function colours(page: Page, selector: string): Promise<string[]> {
  return page.locator(selector).evaluateAll((elements) => elements.map((e) => getComputedStyle(e).color));
}

/** A piece of text drawn smaller than the limit: where, what, how big (CSS px). */
export interface SmallText {
  readonly where: string;
  readonly text: string;
  readonly px: number;
}

/**
 * Every visible text smaller than `minPx` CSS px as drawn: an HTML element's computed font size, and
 * for SVG text the font size times the drawing's scale on screen (a viewBox shrunk to a phone's width
 * shrinks its text too, which the computed font size does not show).
 */
export function smallText(page: Page, minPx = 12): Promise<SmallText[]> {
  return page.evaluate((min) => {
    const found: { where: string; text: string; px: number }[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const seen = new Set<Element>();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const element = node.parentElement;
      if (!element || seen.has(element) || !node.textContent?.trim()) continue;
      seen.add(element);
      if (element.closest("title, script, style, option")) continue;
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || element.checkVisibility?.() === false) continue;
      let px = parseFloat(getComputedStyle(element).fontSize);
      if (element instanceof SVGGraphicsElement) px *= Math.hypot(element.getScreenCTM()?.a ?? 1, element.getScreenCTM()?.b ?? 0);
      if (px < min - 0.01) found.push({ where: `${element.tagName.toLowerCase()}.${element.getAttribute("class") ?? ""}`, text: node.textContent.trim().slice(0, 30), px: Math.round(px * 10) / 10 });
    }
    return found;
  }, minPx);
}

/** How far the page is wider than the screen, CSS px (0: no sideways scrolling). */
export function overflow(page: Page): Promise<number> {
  return page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - document.documentElement.clientWidth);
}

/**
 * Visible buttons, selects, inputs and tabs smaller than `minPx` in either direction. A control hidden
 * from view (a file input or a switch styled by its label) is tapped through its label: the label is measured.
 */
export function smallTargets(page: Page, minPx = 40): Promise<string[]> {
  return page.evaluate((min) => {
    const small: string[] = [];
    for (const control of Array.from(document.querySelectorAll<HTMLElement>("button, select, [role=tab], a[href], input:not([type=hidden])"))) {
      let element: HTMLElement = control;
      let box = element.getBoundingClientRect();
      const hiddenFromView = box.width <= 2 || box.height <= 2 || getComputedStyle(element).opacity === "0";
      if (hiddenFromView && control.closest("label")) {
        element = control.closest("label")!;
        box = element.getBoundingClientRect();
      }
      if (box.width === 0 || box.height === 0 || element.checkVisibility?.() === false) continue;
      if (box.height < min - 0.5 || box.width < min - 0.5) small.push(`${element.tagName.toLowerCase()}#${element.id} "${element.textContent?.trim().slice(0, 20)}" ${Math.round(box.width)}×${Math.round(box.height)}`);
    }
    return small;
  }, minPx);
}

/** Waits until the page has shown `more` readings after the current one. */
export async function nextReadings(page: Page, more: number): Promise<void> {
  const seen = Number(await page.locator("#status").getAttribute("data-readings"));
  await page.waitForFunction((n) => Number(document.getElementById("status")?.dataset.readings) >= n, seen + more);
}
