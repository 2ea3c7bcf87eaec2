import { toHex } from "@batt/core";
import { colourCell } from "./colour.js";
import { formatTable, type Align } from "./output.js";

/** A result laid out for a person: column names and rows of text (a plugin's own table, or one made here). */
export interface PresentedTable {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
  readonly align?: readonly Align[];
}

/**
 * A command's result as text for a person: text as it is; a list of records as a table with a
 * column per field; a record as a table of name and value (nested records with dotted names, a
 * `{ value, unit }` pair as "3.65 V", bytes as hex). `--json` prints the same result as JSON instead.
 */
export function presentResult(value: unknown, colour = false): string {
  if (typeof value === "string") return value;
  return renderTable(tableOf(value), colour);
}

/** Draws a table, colouring cells (ON/OFF, alarms) when asked; widths are those of the plain text. */
export function renderTable(table: PresentedTable, colour = false): string {
  const text = formatTable(table.header, table.rows, table.align);
  if (!colour) return text;
  const lines = text.split("\n");
  return [lines[0]!, ...lines.slice(1).map((line, i) => colourLine(line, table.rows[i]!))].join("\n");
}

function colourLine(line: string, row: readonly string[]): string {
  let out = line;
  for (const cell of row) {
    const styled = colourCell(cell, row, true);
    if (styled !== cell && cell !== "") out = out.replace(new RegExp(`(^|\\s)${escape(cell)}(?=\\s|$)`), (m, lead: string) => `${lead}${styled}`);
  }
  return out;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The table a value is shown as. */
export function tableOf(value: unknown): PresentedTable {
  if (Array.isArray(value) && value.length > 0 && value.every(isRecord)) {
    const columns = [...new Set(value.flatMap((r) => Object.keys(r)))];
    const rows = value.map((r) => columns.map((c) => cellText(r[c])));
    const align = columns.map((c) => (value.every((r) => typeof r[c] === "number" || r[c] === undefined) ? "right" : "left") as Align);
    return { header: columns, rows, align };
  }
  if (Array.isArray(value)) return { header: ["value"], rows: value.map((v) => [cellText(v)]) };
  if (isRecord(value)) {
    const rows: string[][] = [];
    flatten(value, "", rows);
    return { header: ["name", "value"], rows };
  }
  return { header: ["value"], rows: [[cellText(value)]] };
}

function flatten(record: Record<string, unknown>, prefix: string, rows: string[][]): void {
  for (const [key, value] of Object.entries(record)) {
    const name = prefix === "" ? key : `${prefix}.${key}`;
    if (isRecord(value) && !isQuantity(value) && !(value instanceof Uint8Array)) flatten(value, name, rows);
    else if (Array.isArray(value) && value.some(isRecord)) value.forEach((v, i) => (isRecord(v) ? flatten(v, `${name}[${i}]`, rows) : rows.push([`${name}[${i}]`, cellText(v)])));
    else rows.push([name, cellText(value)]);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array) && !(value instanceof Map);
}

function isQuantity(value: Record<string, unknown>): boolean {
  return "value" in value && typeof value["unit"] === "string" && Object.keys(value).length <= 3;
}

/** One value as table text. */
export function cellText(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (value instanceof Uint8Array) return value.length > 24 ? `${toHex(value.subarray(0, 24))} … (${value.length} bytes)` : toHex(value);
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (Array.isArray(value)) return value.map(cellText).join(", ");
  if (isRecord(value)) {
    if (isQuantity(value)) return `${cellText(value["value"])} ${String(value["unit"])}`.trim();
    return Object.entries(value)
      .map(([k, v]) => `${k}=${cellText(v)}`)
      .join(" ");
  }
  if (typeof value === "bigint") return value.toString();
  return String(value);
}
