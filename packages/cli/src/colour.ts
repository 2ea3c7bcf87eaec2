import { styleText } from "node:util";
import type { TextSink } from "./output.js";

/** Whether to colour what goes to `sink`: a terminal, and neither `NO_COLOR` nor `TERM=dumb` set (`FORCE_COLOR` forces it). */
export function colourWanted(sink: TextSink, env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  if (env["NO_COLOR"] !== undefined && env["NO_COLOR"] !== "") return false;
  if (env["FORCE_COLOR"] !== undefined && env["FORCE_COLOR"] !== "0") return true;
  return sink.isTTY === true && env["TERM"] !== "dumb";
}

/** Words that mean something is wrong (alarms, protections, faults), shown in red. */
const ALARM = /\b(alarm|alarms|fault|faults|protection|protections|error|errors|over\w*|under\w*|short\w*|fail\w*)\b/i;

/**
 * Colours one table cell by what it says: ON/true green, OFF/false dim, a non-zero count or an
 * alarm word in its row red. Plain text when `enabled` is false; widths are measured before this.
 */
export function colourCell(text: string, row: readonly string[], enabled: boolean): string {
  if (!enabled || text === "") return text;
  const word = text.trim().toLowerCase();
  if (word === "on" || word === "true" || word === "yes" || word === "ok") return styleText("green", text);
  if (word === "off" || word === "false" || word === "no") return styleText("dim", text);
  const label = row[0] ?? "";
  if (label !== text && ALARM.test(label) && /^[1-9]\d*$/.test(word)) return styleText("red", text);
  if (word === "alarm" || word === "fault" || word === "protection" || word === "active") return styleText(["bold", "red"], text);
  return text;
}
