import { formatDate, formatMilliohm } from "./format-numbers.js";
import type { PackRecord } from "./pack-record.js";

/** Options for {@link formatIrChart}. */
export interface IrChartOptions {
  /** Plot columns (default 48, at least 8). */
  readonly width?: number;
  /** Plot rows (default 10, at least 3). */
  readonly height?: number;
  /** `pack` plots the pack IR with `*`; `cells` plots each cell's IR with its number (1–9, then a–z). Default `pack`. */
  readonly series?: "pack" | "cells";
}

const CELL_MARKS = "123456789abcdefghijklmnopqrstuvwxyz";

/**
 * A small plain-text chart of IR over time for a pack (x: measurement date, to scale; y: mΩ). Returns the
 * chart as a string of lines; nothing is printed.
 */
export function formatIrChart(record: PackRecord, options: IrChartOptions = {}): string {
  const width = Math.max(8, Math.floor(options.width ?? 48));
  const height = Math.max(3, Math.floor(options.height ?? 10));
  const series = options.series ?? "pack";
  const points: { t: number; y: number; mark: string }[] = [];
  for (const entry of record.history) {
    const t = Date.parse(entry.measuredAt);
    if (series === "pack") points.push({ t, y: entry.packIrMilliohm, mark: "*" });
    else entry.cellIrMilliohm.forEach((y, i) => points.push({ t, y, mark: CELL_MARKS[i] ?? "#" }));
  }
  const ts = points.map((p) => p.t);
  const ys = points.map((p) => p.y);
  const t0 = Math.min(...ts);
  const t1 = Math.max(...ts);
  let y0 = Math.min(...ys);
  let y1 = Math.max(...ys);
  // A flat history still gets a visible band around its value.
  const pad = Math.max((y1 - y0) * 0.1, y1 * 0.02, 1e-6);
  y0 -= pad;
  y1 += pad;
  const grid = Array.from({ length: height }, () => Array.from({ length: width }, () => " "));
  for (const p of points) {
    const col = t1 === t0 ? Math.floor(width / 2) : Math.round(((p.t - t0) / (t1 - t0)) * (width - 1));
    const row = Math.round(((y1 - p.y) / (y1 - y0)) * (height - 1));
    grid[row]![col] = p.mark;
  }
  const labels = grid.map((_, row) => {
    if (row !== 0 && row !== height - 1 && row !== Math.floor((height - 1) / 2)) return "";
    return formatMilliohm(y1 - ((y1 - y0) * row) / (height - 1));
  });
  const labelWidth = Math.max(...labels.map((l) => l.length));
  const title = `${series === "pack" ? "Pack IR" : "Cell IR"} (mΩ) over time · ${record.id}`;
  const body = grid.map((cells, row) => `${labels[row]!.padStart(labelWidth)} |${cells.join("").trimEnd()}`);
  const axis = `${" ".repeat(labelWidth)} +${"-".repeat(width)}`;
  const start = formatDate(new Date(t0).toISOString());
  const end = formatDate(new Date(t1).toISOString());
  const dates = t1 === t0 ? start : `${start}${end.padStart(Math.max(width - start.length, end.length + 2))}`;
  return [title, ...body, axis, `${" ".repeat(labelWidth + 2)}${dates}`].join("\n");
}
