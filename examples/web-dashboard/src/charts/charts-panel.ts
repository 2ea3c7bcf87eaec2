import "./charts.css";
import { historyCsvParts, historyFileName } from "../history/history-csv.js";
import type { History } from "../history/history.js";
import { html } from "../ui/dom.js";
import { downloadBlob } from "../ui/download.js";
import type { Panel } from "../ui/panel.js";
import { groupSeries, sameGroup } from "./chart-groups.js";
import { GroupChart } from "./group-chart.js";
import { readTheme } from "./series-style.js";
import { clockTime } from "./time-axis.js";

/**
 * The charts of one device's history (this module, and uPlot with it, load only when the Charts tab
 * first opens): one chart per group of units, a cell-voltage chart, live as readings arrive (at most
 * once per animation frame, only the charts on screen), and a CSV export of the whole session.
 */
export function chartsPanel(history: History): Panel {
  const theme = readTheme();
  const status = html("p", { class: "charts-status" });
  const exportButton = html("button", { type: "button", class: "charts-export", "data-action": "export-csv" }, "Export CSV");
  const list = html("div", { class: "chart-list" });
  const element = html("section", { class: "charts" }, html("div", { class: "charts-bar" }, status, exportButton), list);
  let charts: GroupChart[] = [];
  let seriesSeen = -1;
  let frame = 0;
  let releaseDownload: (() => void) | undefined;

  const chartOf = (target: Element): GroupChart | undefined => charts.find((c) => c.element === target);
  const visibility = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      const chart = chartOf(entry.target);
      if (!chart) continue;
      chart.visible = entry.isIntersecting;
      if (chart.visible) chart.update();
    }
  });
  const sizes = new ResizeObserver((entries) => {
    for (const entry of entries) chartOf(entry.target)?.resize(entry.contentRect.width);
  });

  /** Rebuilds the charts whose series changed (a pack came online), keeping the others and their zoom. */
  const regroup = (): void => {
    seriesSeen = history.series.length;
    const width = list.clientWidth || document.documentElement.clientWidth;
    const next = groupSeries(history.series).map((group) => {
      const kept = charts.find((c) => c.group.id === group.id && sameGroup(c.group, group));
      return kept ?? new GroupChart(group, history, theme, width);
    });
    for (const chart of charts) {
      if (next.includes(chart)) continue;
      visibility.unobserve(chart.element);
      sizes.unobserve(chart.element);
      chart.dispose();
    }
    for (const chart of next) {
      if (charts.includes(chart)) continue;
      visibility.observe(chart.element);
      sizes.observe(chart.element);
    }
    charts = next;
    list.replaceChildren(...charts.map((c) => c.element));
  };

  const draw = (): void => {
    frame = 0;
    if (history.series.length !== seriesSeen) regroup();
    const times = history.timeView();
    const since = times.length > 0 ? ` since ${clockTime(new Date(times[0]! * 1000), false)}` : "";
    const merged = history.merges > 0 ? ` · older samples averaged in pairs ${history.merges}×` : "";
    status.textContent = `${history.length} samples${since} · ${history.series.length} series${merged} · drag to zoom, double-click to reset, click a legend entry to hide its line`;
    element.dataset["samples"] = String(history.length);
    for (const chart of charts) {
      if (chart.visible) chart.update();
      else chart.dirty = true;
    }
  };
  const schedule = (): void => {
    if (frame === 0) frame = requestAnimationFrame(draw);
  };
  const unsubscribe = history.subscribe(schedule);
  // First drawn on the next frame, once the view has put the panel on the page and it has a width.
  schedule();

  exportButton.addEventListener("click", () => {
    releaseDownload?.();
    releaseDownload = downloadBlob(new Blob(historyCsvParts(history), { type: "text/csv;charset=utf-8" }), historyFileName(history.device, new Date()));
  });

  return {
    element,
    dispose() {
      unsubscribe();
      if (frame !== 0) cancelAnimationFrame(frame);
      visibility.disconnect();
      sizes.disconnect();
      for (const chart of charts) chart.dispose();
      charts = [];
      releaseDownload?.();
    },
  };
}
