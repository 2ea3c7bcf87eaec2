import { isBattError, toHex } from "@batt/core";

/** Something text can be written to (`process.stdout`, or a buffer in tests). */
export interface TextSink {
  /** Writes text as it is (lines end with `\n`). */
  write(text: string): unknown;
  /** Whether it is a terminal (screen redraws in `monitor`). */
  readonly isTTY?: boolean;
  /** Its width in columns, when it is a terminal (help wrapping, `monitor`). */
  readonly columns?: number;
}

/** How a column of a table is aligned. */
export type Align = "left" | "right";

/**
 * The CLI's output: results on stdout, notes, traces and errors on stderr. Commands never write to
 * `process.stdout` directly, so `main()` can run inside tests and other programs.
 */
export class Output {
  constructor(
    /** Results. */
    readonly stdout: TextSink,
    /** Notes, traces and errors. */
    readonly stderr: TextSink,
    /** Whether `--verbose` is on. */
    readonly verbose: boolean = false,
  ) {}

  /** Prints a line (or several) of results. */
  print(text: string): void {
    this.stdout.write(text.endsWith("\n") ? text : `${text}\n`);
  }

  /** Prints one JSON document on one line (machine-readable output). */
  json(value: unknown): void {
    this.stdout.write(`${toJson(value)}\n`);
  }

  /** Prints a note for a person on stderr. */
  note(text: string): void {
    this.stderr.write(`${text}\n`);
  }

  /** Prints a trace line on stderr when `--verbose` is on. */
  trace(text: string): void {
    if (this.verbose) this.stderr.write(`batt: ${text}\n`);
  }

  /** Prints `batt: <code>: <message>`, plus the raw bytes and details with `--verbose`. */
  error(code: string, message: string, cause?: unknown): void {
    this.stderr.write(`batt: ${code}: ${message}\n`);
    if (!this.verbose || cause === undefined) return;
    if (isBattError(cause)) {
      for (const [key, value] of Object.entries(cause.context)) {
        const shown = value instanceof Uint8Array ? toHex(value) : typeof value === "object" ? toJson(value) : String(value);
        this.stderr.write(`  ${key}: ${shown}\n`);
      }
    } else if (cause instanceof Error && cause.stack) {
      this.stderr.write(`${cause.stack}\n`);
    }
  }
}

/** JSON with bytes as hex strings and big integers as numbers or strings. */
export function toJson(value: unknown, indent?: number): string {
  return JSON.stringify(
    value,
    (_key, v: unknown) => {
      if (v instanceof Uint8Array) return toHex(v);
      if (typeof v === "bigint") return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
      if (v instanceof Map) return Object.fromEntries(v);
      return v;
    },
    indent,
  );
}

/**
 * Rows as aligned text columns, with a header row.
 *
 * @example formatTable(["address", "value"], [["0", "1"]], ["right", "right"])
 */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[], align: readonly Align[] = []): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, i) => (align[i] === "right" ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map(line)].join("\n");
}
