import { appendFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { DeviceReading } from "@batt/core";
import { csvField, csvLine } from "./csv-row.js";

/** Which files a {@link ReadingLog} writes. */
export type LogFormat = "jsonl" | "csv";

/**
 * Per-device reading logs, one row per reading: `<device>-YYYY-MM-DD.jsonl` (the reading envelope)
 * and `<device>-YYYY-MM-DD.csv` (time, then one column per measurement key). The date is the
 * reading's own UTC date, so files rotate at midnight UTC with no timer. A CSV file's columns are
 * the keys of its first reading (read back from its header after a restart); a key that appears
 * later gets no column until the next day's file.
 */
export class ReadingLog {
  private readonly columns = new Map<string, readonly string[]>();

  constructor(
    /** Directory of the files (created when missing). */
    readonly dir: string,
    /** Which files to write. */
    readonly formats: readonly LogFormat[] = ["jsonl", "csv"],
  ) {
    mkdirSync(dir, { recursive: true });
  }

  /** The file of a device's readings on a date (`YYYY-MM-DD`). */
  fileOf(device: string, date: string, format: LogFormat): string {
    return join(this.dir, `${device}-${date}.${format}`);
  }

  /** Appends one reading. */
  write(device: string, reading: DeviceReading<unknown>): void {
    const date = reading.time.slice(0, 10);
    if (this.formats.includes("jsonl")) appendFileSync(this.fileOf(device, date, "jsonl"), `${JSON.stringify(reading)}\n`);
    if (this.formats.includes("csv")) this.writeCsv(this.fileOf(device, date, "csv"), reading);
  }

  private writeCsv(file: string, reading: DeviceReading<unknown>): void {
    let columns = this.columns.get(file);
    if (!columns) {
      if (existsSync(file)) {
        columns = (readFileSync(file, "utf8").split("\n", 1)[0] ?? "").split(",").slice(1);
      } else {
        columns = reading.measurements.map((m) => m.key);
        appendFileSync(file, csvLine(["time", ...columns]));
      }
      this.columns.clear(); // only the current day's files are written to
      this.columns.set(file, columns);
    }
    const values = new Map(reading.measurements.map((m) => [m.key, m.value]));
    appendFileSync(file, csvLine([reading.time, ...columns.map((key) => csvField(values.get(key)))]));
  }
}
