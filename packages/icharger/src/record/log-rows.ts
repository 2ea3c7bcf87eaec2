import type { LogViewSample } from "../hid/logview.js";

/** One column of a recorded run: its CSV header and the value a sample gives. */
interface LogColumn {
  readonly header: string;
  readonly value: (sample: LogViewSample) => number | string | null;
}

/** The columns of a recorded run before the cells, in SI units (the LogView sample's fields). */
const LOG_COLUMNS: readonly LogColumn[] = [
  { header: "time_s", value: (s) => s.time },
  { header: "channel", value: (s) => s.channel },
  { header: "state", value: (s) => s.state.name ?? s.state.value },
  { header: "cycle", value: (s) => s.cycle },
  { header: "current_A", value: (s) => s.current },
  { header: "battery_V", value: (s) => s.batteryVoltage },
  { header: "input_V", value: (s) => s.inputVoltage },
  { header: "capacity_Ah", value: (s) => s.capacity },
  { header: "internal_C", value: (s) => s.internalTemperature },
  { header: "external_C", value: (s) => s.externalTemperature },
];

/** Formats of a recorded run: CSV with a header line, or one JSON object per line. */
export type LogFormat = "csv" | "jsonl";

/** The CSV header for samples with `cells` cell columns. */
export function logCsvHeader(cells: number): string {
  return [...LOG_COLUMNS.map((c) => c.header), ...Array.from({ length: cells }, (_, i) => `cell${i + 1}_V`)].join(",");
}

/** One CSV row of a sample, with `cells` cell columns (missing cells and values, such as an absent probe's temperature, empty). */
export function logCsvRow(sample: LogViewSample, cells: number): string {
  const values = [...LOG_COLUMNS.map((c) => c.value(sample)), ...Array.from({ length: cells }, (_, i) => sample.cells[i] ?? "")];
  return values.map((v) => (typeof v === "string" && /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v === null ? "" : String(v))).join(",");
}

/** One JSON line of a sample (the sample as decoded, SI units). */
export function logJsonLine(sample: LogViewSample): string {
  return JSON.stringify(sample);
}

/** A whole run in a format: CSV (header, then a row per sample) or JSONL; `cells` defaults to the most any sample carries. */
export function formatLog(samples: readonly LogViewSample[], format: LogFormat, cells = Math.max(0, ...samples.map((s) => s.cells.length))): string {
  if (format === "jsonl") return samples.map(logJsonLine).join("\n");
  return [logCsvHeader(cells), ...samples.map((s) => logCsvRow(s, cells))].join("\n");
}
