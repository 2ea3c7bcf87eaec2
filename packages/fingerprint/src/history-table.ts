import { formatConfidence, formatDate, formatMilliohm, formatPercent } from "./format-numbers.js";
import type { PackRecord } from "./pack-record.js";

/** The largest deviation of a cell's IR ratio from 1, with its sign (the pack's most distinctive cell). */
export function largestDeviation(ratios: readonly number[]): number {
  return ratios.reduce((best, r) => (Math.abs(r - 1) > Math.abs(best) ? r - 1 : best), 0);
}

/** A one-line title for a pack: id, name, cell count, chemistry. */
export function packTitle(record: PackRecord): string {
  const name = record.name === undefined ? "" : ` "${record.name}"`;
  return `${record.id}${name} · ${record.cellCount}S${record.chemistry === undefined ? "" : ` ${record.chemistry}`}`;
}

function table(rows: readonly (readonly string[])[], rightAligned: readonly boolean[]): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
  return rows.map((row) =>
    row
      .map((cell, c) => (rightAligned[c] === true ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
      .join("  ")
      .trimEnd(),
  );
}

/**
 * A plain-text table of a pack's history, oldest first: date, pack IR, change since the first measurement,
 * per-cell IR, the most deviating cell ratio, and how the measurement was attributed.
 */
export function formatHistoryTable(record: PackRecord): string {
  const first = record.history[0];
  const header = ["Date", "Pack IR mΩ", "Change", "Cells mΩ", "Max dev", "Via"];
  const rows = record.history.map((entry) => [
    formatDate(entry.measuredAt),
    formatMilliohm(entry.packIrMilliohm),
    first === undefined ? "" : formatPercent(entry.packIrMilliohm / first.packIrMilliohm - 1),
    entry.cellIrMilliohm.map(formatMilliohm).join(" "),
    formatPercent(largestDeviation(entry.irRatios)),
    entry.confidence === undefined ? entry.via : `${entry.via} (${formatConfidence(entry.confidence)})`,
  ]);
  const count = record.history.length;
  const lines = table([header, ...rows], [false, true, true, false, true, false]);
  return [`${packTitle(record)} · ${count} measurement${count === 1 ? "" : "s"}`, ...lines].join("\n");
}
