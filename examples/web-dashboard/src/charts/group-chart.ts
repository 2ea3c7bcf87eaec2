import uPlot from "uplot";
import { csvHeading } from "../history/history-csv.js";
import type { History } from "../history/history.js";
import { html } from "../ui/dom.js";
import { axisLabel, type ChartGroup } from "./chart-groups.js";
import { NAN_SKIP, nanAwareRange, nanGaps } from "./nan-aware.js";
import { lineStyles, type ChartTheme } from "./series-style.js";
import { legendTime, TIME_INCREMENTS, timeAxisValues } from "./time-axis.js";

/** Text on the charts: 12 px at least, so a phone shows no 5–7 px labels. */
const FONT = "12px system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
const LABEL_FONT = "bold 12px system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";

/** Longest a chart waits to draw samples that move its lines by less than a pixel. */
const MAX_DRAW_DELAY_MS = 5000;

/** Legend entries above which a phone shows the legend closed. */
const LONG_LEGEND = 8;

/** A value axis' labels with as many decimals as the tick spacing needs (uPlot's own stop at 3: 3.3045 V read "3.305" twice). */
function tickValues(_u: uPlot, splits: number[], _axis: number, _space: number, increment: number): string[] {
  const decimals = Math.min(6, Math.max(0, -Math.floor(Math.log10(increment) + 1e-9)));
  return splits.map((v) => v.toFixed(decimals));
}

/** Plot height for a width: shorter on a phone, so two charts fit a screen. */
const heightFor = (width: number): number => (width < 520 ? 220 : 280);

/**
 * One uPlot chart of a {@link ChartGroup}: a local-time axis, one y axis per unit, the cursor's values
 * in the legend, drag to zoom (double-click resets), legend entries that switch lines off and on.
 * Its element carries `data-chart`, `data-units` (its axes' units, left first), and `data-x-min`/`data-x-max` (the x scale, seconds) for tests.
 */
export class GroupChart {
  /** The chart's figure (title and plot). */
  readonly element: HTMLElement;
  /** Whether it is on screen (only such charts are redrawn). */
  visible = false;
  /** Whether something besides new samples calls for a redraw (it was off screen while they came). */
  dirty = false;
  private readonly plotRoot: HTMLElement;
  private readonly plot: uPlot;
  private zoomed = false;
  private drawnLength = -1;
  private drawnAt = 0;
  private width = 0;

  constructor(
    readonly group: ChartGroup,
    private readonly history: History,
    theme: ChartTheme,
    width: number,
  ) {
    this.plotRoot = html("div", { class: "chart-plot" });
    // The legend goes in a disclosure: open, except a long one (32 cells) on a phone, which would fill screens.
    const legend = html("details", { class: "chart-legend" }, html("summary", {}, `Lines (${group.members.length})`));
    legend.open = group.members.length <= LONG_LEGEND || width >= 520;
    this.element = html("figure", { class: "chart", "data-chart": group.id, "data-units": group.units.join(" ") }, html("figcaption", {}, group.title), this.plotRoot, legend);
    const infos = group.members.map((i) => history.series[i]!);
    const styles = lineStyles(infos, theme);
    const axis = { stroke: theme.ink, font: FONT, labelFont: LABEL_FONT, grid: { stroke: theme.line, width: 1 }, ticks: { stroke: theme.line, width: 1 } };
    this.width = Math.max(280, Math.floor(width));
    const factsOf = (s: number) => (s >= 1 && s <= group.members.length ? history.facts(group.members[s - 1]!) : undefined);
    const options: uPlot.Options = {
      width: this.width,
      height: heightFor(this.width),
      scales: { x: { time: true }, ...Object.fromEntries(group.units.map((u) => [u, { auto: true, range: nanAwareRange(factsOf) }])) },
      axes: [
        { ...axis, values: timeAxisValues, incrs: TIME_INCREMENTS, space: 70 },
        ...group.units.map((unit, i): uPlot.Axis => ({ ...axis, scale: unit, label: axisLabel(unit), labelSize: 20, side: i === 0 ? 3 : 1, size: 60, values: tickValues, ...(i > 0 ? { grid: { show: false } } : {}) })),
      ],
      series: [
        { label: "Time", value: legendTime },
        ...infos.map(
          (info, i): uPlot.Series => ({
            label: csvHeading(info),
            scale: info.unit ?? "",
            stroke: styles[i]!.stroke,
            ...(styles[i]!.dash ? { dash: styles[i]!.dash } : {}),
            width: info.cell !== undefined ? 1.25 : 1.75,
            show: !group.hidden.has(group.members[i]!),
            auto: false,
            gaps: nanGaps(factsOf),
            value: (_u, v: number | null) => (v === null || Number.isNaN(v) ? "–" : `${v.toFixed(info.decimals)}${info.unit ? ` ${info.unit}` : ""}`),
          }),
        ),
      ],
      cursor: { drag: { x: true, y: false }, hover: { skip: NAN_SKIP } },
      legend: { live: true, mount: (_u, table) => legend.append(table) },
      hooks: { setScale: [(u, key) => key === "x" && this.scaleChanged(u)] },
    };
    this.plot = new uPlot(options, this.data(), this.plotRoot);
  }

  /** Draws the samples that arrived since the last draw, keeping a person's zoom. */
  update(now = performance.now()): void {
    const length = this.history.length;
    if (length === this.drawnLength && !this.dirty) return;
    // With hours on a chart, one more sample moves its lines by a fraction of a pixel: drawing waits for
    // a pixel's worth of samples (or a few seconds), so a long session costs no more a second than a short one.
    const fresh = length - this.drawnLength;
    if (!this.dirty && this.drawnLength > 0 && fresh * this.width < length && now - this.drawnAt < MAX_DRAW_DELAY_MS) return;
    this.dirty = false;
    this.drawnLength = length;
    this.drawnAt = now;
    this.plot.setData(this.data(), !this.zoomed);
    // Away from the cursor, the legend reads the latest sample rather than dashes.
    if ((this.plot.cursor.left ?? -1) < 0 && this.drawnLength > 0) this.plot.setLegend({ idx: this.drawnLength - 1 });
  }

  /** Follows its container's width. */
  resize(width: number): void {
    const w = Math.floor(width);
    if (w <= 0 || w === this.width) return;
    this.width = w;
    this.plot.setSize({ width: w, height: heightFor(w) });
  }

  /** Releases the chart (uPlot's canvas, listeners). */
  dispose(): void {
    this.plot.destroy();
  }

  private data(): uPlot.AlignedData {
    return [this.history.timeView(), ...this.group.members.map((i) => this.history.valueView(i))];
  }

  private scaleChanged(u: uPlot): void {
    const { min, max } = u.scales["x"] ?? {};
    if (min === undefined || max === undefined) return;
    const xs = u.data[0];
    const first = xs[0];
    const last = xs[xs.length - 1];
    this.zoomed = first !== undefined && last !== undefined && (min > first || max < last);
    this.element.dataset["xMin"] = String(min);
    this.element.dataset["xMax"] = String(max);
    this.element.dataset["zoomed"] = String(this.zoomed);
  }
}
