import { BattError, type DeviceReading } from "@batt/core";
import { toJson } from "./output.js";

/** How `monitor` writes readings: a screen for people, JSON lines, or CSV a spreadsheet opens. */
export type LogFormat = "table" | "jsonl" | "csv";

/** One CSV field, quoted when it holds a comma, a quote or a line break. */
function csvField(value: unknown): string {
  const text =
    value === undefined || value === null
      ? ""
      : typeof value === "string"
      ? value
      : typeof value === "number" || typeof value === "boolean"
      ? String(value)
      : toJson(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Readings as CSV: the columns are `time` and the measurement keys of the first reading (with
 * their units: `voltage (V)`), written once as a header; later readings fill the same columns
 * (empty where a measurement is missing; new keys are not added, so every row lines up).
 */
export class CsvReadingLog {
  private keys: string[] | undefined;

  /**
   * A log that continues a CSV file written before (`monitor --append`): the file's columns are
   * kept, so new rows line up under its header, and no header is written again.
   *
   * @throws BattError `invalid-argument` when `header` is not a header `monitor` wrote.
   */
  static continuing(header: string, file: string): CsvReadingLog {
    const columns = header.split(",");
    if (columns[0] !== "time" || columns.length < 2 || columns.some((c) => c === "" || c.includes('"'))) {
      throw new BattError("invalid-argument", `${file} is not a CSV file written by batt monitor (its first line is not a "time,…" header); --append adds rows only to such a file`);
    }
    const log = new CsvReadingLog();
    log.keys = columns.slice(1).map((c) => c.replace(/ \([^()]*\)$/, ""));
    return log;
  }

  /** The line(s) for one reading: the header before the first. */
  lines(reading: DeviceReading<unknown>): string {
    const rows: string[] = [];
    let keys = this.keys;
    if (keys === undefined) {
      keys = this.keys = reading.measurements.map((m) => m.key);
      rows.push(["time", ...reading.measurements.map((m) => (m.unit ? `${m.key} (${m.unit})` : m.key))].map(csvField).join(","));
    }
    const byKey = new Map<string, unknown>(reading.measurements.map((m): [string, unknown] => [m.key, m.value]));
    rows.push([reading.time, ...keys.map((k) => byKey.get(k))].map(csvField).join(","));
    return `${rows.join("\n")}\n`;
  }
}

/** Cuts each line of `text` to `width` columns, so a screen that is redrawn never wraps. */
export function fitWidth(text: string, width: number | undefined): string {
  if (width === undefined || width <= 0) return text;
  return text
    .split("\n")
    .map((line) => (line.length > width ? `${line.slice(0, Math.max(0, width - 1))}…` : line))
    .join("\n");
}
