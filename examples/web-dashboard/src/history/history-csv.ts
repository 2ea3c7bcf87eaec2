import type { DeviceIdentity } from "@batt/core";
import type { History } from "./history.js";
import type { SeriesInfo } from "./series-info.js";

/** A column's heading: the series' name and unit (`Pack 2 Cell 3 (V)`). */
export function csvHeading(info: SeriesInfo): string {
  return info.unit ? `${info.name} (${info.unit})` : info.name;
}

/** A field as RFC 4180 wants it: quoted when it holds a comma, a quote or a line break. */
function field(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A sample as text: empty for a gap; 32-bit samples with 7 significant digits, which gives back what
 * the device said (13.27, not 13.270000457763672); 64-bit ones as they are.
 */
function number(value: number, precise: boolean): string {
  if (value !== value) return "";
  return precise ? String(value) : String(Number(value.toPrecision(7)));
}

/**
 * The whole history as CSV, in parts of at most `rowsPerPart` rows (a `Blob` takes them without one
 * huge string): a header `time (UTC),<series> (<unit>),…`, then one row per sample, its time in
 * ISO 8601 UTC and an empty field where a series has no value. Lines end with CRLF (RFC 4180).
 */
export function historyCsvParts(history: History, rowsPerPart = 2000): string[] {
  const series = history.series;
  const times = history.timeView();
  const columns = series.map((_, i) => history.valueView(i));
  const last = series.map(() => NaN);
  const lastText = series.map(() => "");
  const parts = [["time (UTC)", ...series.map(csvHeading)].map(field).join(",") + "\r\n"];
  for (let start = 0; start < times.length; start += rowsPerPart) {
    const end = Math.min(times.length, start + rowsPerPart);
    let text = "";
    for (let row = start; row < end; row++) {
      text += new Date(Math.round(times[row]! * 1000)).toISOString();
      for (let i = 0; i < columns.length; i++) {
        // Most samples repeat the one before (a cell holds its millivolt for minutes): format once.
        const value = columns[i]![row]!;
        if (!Object.is(value, last[i])) {
          last[i] = value;
          lastText[i] = number(value, series[i]!.precise);
        }
        text += "," + lastText[i]!;
      }
      text += "\r\n";
    }
    parts.push(text);
  }
  return parts;
}

/** The whole history as one CSV text (see {@link historyCsvParts}). */
export function historyCsv(history: History): string {
  return historyCsvParts(history).join("");
}

/** The export's file name: `<device>-history-<UTC date>.csv` (`jbd-sp04s034-history-2026-12-06.csv`). */
export function historyFileName(device: DeviceIdentity | undefined, at: Date): string {
  const name = device?.name ?? device?.model ?? device?.driver ?? "device";
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "") || "device";
  return `${slug}-history-${at.toISOString().slice(0, 10)}.csv`;
}
