import { millivolts } from "./format.js";
import { html, replaceChildren, svg } from "./dom.js";

const HEIGHT = 180;
const SLOT = 44;
const TOP = 22;
const BOTTOM = 20;

/**
 * Cell voltages as bars, with the lowest and highest cell marked and min / max / delta above.
 * The scale starts a little below the lowest cell, so that millivolt differences show.
 */
export class CellsChart {
  /** The chart with its summary line. */
  readonly element: HTMLElement;
  private readonly summary: HTMLElement;
  private readonly chart: SVGSVGElement;

  constructor() {
    this.summary = html("p", { class: "cells-summary" });
    this.chart = svg("svg", { class: "cells-chart", role: "img", "aria-label": "cell voltages", preserveAspectRatio: "xMidYMid meet" });
    this.element = html("div", { class: "cells" }, this.summary, this.chart);
  }

  update(cells: readonly number[], balancing: readonly boolean[] = []): void {
    if (cells.length === 0) {
      replaceChildren(this.summary, "No cell voltages reported");
      replaceChildren(this.chart);
      return;
    }
    const min = Math.min(...cells);
    const max = Math.max(...cells);
    const lowest = cells.indexOf(min);
    const highest = cells.lastIndexOf(max);
    // Equal cells have no lowest or highest one to point at.
    const spread = max > min;
    replaceChildren(
      this.summary,
      html("span", { "data-field": "cell-min" }, `min ${min.toFixed(3)} V (cell ${lowest + 1})`),
      html("span", { "data-field": "cell-max" }, `max ${max.toFixed(3)} V (cell ${highest + 1})`),
      html("span", { "data-field": "cell-delta", class: max - min > 0.05 ? "warn" : "" }, `Δ ${millivolts(max - min)}`),
    );
    const width = cells.length * SLOT + 8;
    const floor = min - Math.max(0.05, (max - min) * 1.5);
    const ceiling = max + Math.max(0.005, (max - min) * 0.1);
    const y = (v: number): number => TOP + (HEIGHT - TOP - BOTTOM) * (1 - (v - floor) / (ceiling - floor));
    this.chart.setAttribute("viewBox", `0 0 ${width} ${HEIGHT}`);
    const bars = cells.map((volts, i) => {
      const x = 4 + i * SLOT + 6;
      const top = y(volts);
      const kind = spread && i === lowest ? "min" : spread && i === highest ? "max" : "mid";
      return svg(
        "g",
        { class: `cell ${kind}${balancing[i] ? " balancing" : ""}` },
        svg("rect", { class: "cell-bar", x, y: top, width: SLOT - 12, height: HEIGHT - BOTTOM - top, rx: 3 }, svg("title", {}, `cell ${i + 1}: ${volts.toFixed(3)} V${balancing[i] ? " (balancing)" : ""}`)),
        svg("text", { class: "cell-value", x: x + (SLOT - 12) / 2, y: top - 5 }, volts.toFixed(3)),
        svg("text", { class: "cell-index", x: x + (SLOT - 12) / 2, y: HEIGHT - 5 }, balancing[i] ? `${i + 1}⇅` : String(i + 1)),
      );
    });
    replaceChildren(this.chart, ...bars);
  }
}
