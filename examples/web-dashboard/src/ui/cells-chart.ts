import { CELL_DELTA_WARNING_V } from "../model.js";
import { millivolts } from "./format.js";
import { html, replaceChildren, svg } from "./dom.js";
import { onWidth } from "./on-width.js";

/** Room above the bars for upright values, px. */
const TOP = 22;
/** Room above the bars for values turned on their side (narrow bars), px. */
const TOP_TURNED = 46;
const BOTTOM = 22;
const HEIGHT = 190;
/** Widest slot per cell, px: a 4-cell pack does not get 150 px bars on a wide screen. */
const MAX_SLOT = 64;
/** Narrowest slot that takes a value written across, px ("3.301" at 12 px is about 36 px). */
const UPRIGHT_SLOT = 42;
/** Width drawn for while the chart is hidden (another tab), px. */
const FALLBACK_WIDTH = 560;

/**
 * Cell voltages as bars, with the lowest and highest cell marked and min / max / delta above.
 * The scale starts a little below the lowest cell, so that millivolt differences show. The drawing is
 * laid out for the width it has, one SVG unit per CSS pixel, so that its text keeps the size the
 * style sheet gives it (12 px) on a phone as on a desktop; narrow bars get their values on their side.
 */
export class CellsChart {
  /** The chart with its summary line. */
  readonly element: HTMLElement;
  private readonly summary: HTMLElement;
  private readonly chart: SVGSVGElement;
  private cells: readonly number[] = [];
  private balancing: readonly boolean[] = [];

  constructor() {
    this.summary = html("p", { class: "cells-summary" });
    this.chart = svg("svg", { class: "cells-chart", role: "img", "aria-label": "cell voltages" });
    this.element = html("div", { class: "cells" }, this.summary, this.chart);
    onWidth(this.element, () => this.draw());
  }

  update(cells: readonly number[], balancing: readonly boolean[] = []): void {
    this.cells = cells;
    this.balancing = balancing;
    if (cells.length === 0) {
      replaceChildren(this.summary, "No cell voltages reported");
      replaceChildren(this.chart);
      this.chart.setAttribute("height", "0");
      return;
    }
    const min = Math.min(...cells);
    const max = Math.max(...cells);
    const lowest = cells.indexOf(min);
    const highest = cells.lastIndexOf(max);
    replaceChildren(
      this.summary,
      html("span", { "data-field": "cell-min" }, `min ${min.toFixed(3)} V (cell ${lowest + 1})`),
      html("span", { "data-field": "cell-max" }, `max ${max.toFixed(3)} V (cell ${highest + 1})`),
      html("span", { "data-field": "cell-delta", class: max - min > CELL_DELTA_WARNING_V ? "warn" : "" }, `Δ ${millivolts(max - min)}`),
    );
    this.draw();
  }

  private draw(): void {
    const cells = this.cells;
    const balancing = this.balancing;
    if (cells.length === 0) return;
    const min = Math.min(...cells);
    const max = Math.max(...cells);
    const lowest = cells.indexOf(min);
    const highest = cells.lastIndexOf(max);
    // Equal cells have no lowest or highest one to point at.
    const spread = max > min;
    const available = Math.floor(this.element.clientWidth) || FALLBACK_WIDTH;
    const slot = Math.min(MAX_SLOT, Math.max(16, (available - 8) / cells.length));
    const upright = slot >= UPRIGHT_SLOT;
    const top = upright ? TOP : TOP_TURNED;
    const width = Math.round(slot * cells.length + 8);
    const barWidth = Math.max(8, Math.round(slot * 0.72));
    const floor = min - Math.max(0.05, (max - min) * 1.5);
    const ceiling = max + Math.max(0.005, (max - min) * 0.1);
    const y = (v: number): number => top + (HEIGHT - top - BOTTOM) * (1 - (v - floor) / (ceiling - floor));
    this.chart.setAttribute("viewBox", `0 0 ${width} ${HEIGHT}`);
    this.chart.setAttribute("width", String(width));
    this.chart.setAttribute("height", String(HEIGHT));
    const bars = cells.map((volts, i) => {
      const x = 4 + i * slot + (slot - barWidth) / 2;
      const centre = x + barWidth / 2;
      const barTop = y(volts);
      const kind = spread && i === lowest ? "min" : spread && i === highest ? "max" : "mid";
      const value = upright
        ? svg("text", { class: "cell-value", x: centre, y: barTop - 6 }, volts.toFixed(3))
        : svg("text", { class: "cell-value turned", x: centre, y: barTop - 5, transform: `rotate(-90 ${centre} ${barTop - 5})` }, volts.toFixed(3));
      // Where the slot is too narrow for "12⇅", the bar's outline alone says the cell is balancing.
      const index = balancing[i] && slot >= 30 ? `${i + 1}⇅` : String(i + 1);
      return svg(
        "g",
        { class: `cell ${kind}${balancing[i] ? " balancing" : ""}` },
        svg("rect", { class: "cell-bar", x, y: barTop, width: barWidth, height: HEIGHT - BOTTOM - barTop, rx: 3 }, svg("title", {}, `cell ${i + 1}: ${volts.toFixed(3)} V${balancing[i] ? " (balancing)" : ""}`)),
        value,
        svg("text", { class: "cell-index", x: centre, y: HEIGHT - 6 }, index),
      );
    });
    replaceChildren(this.chart, ...bars);
  }
}
