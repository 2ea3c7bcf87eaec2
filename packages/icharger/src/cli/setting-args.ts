import { BattError } from "@batt/core";

/**
 * `field=value` arguments as changes: a number where the text is one, a list where a field takes
 * flags (`opEnable=charge,discharge`), text otherwise. Names are checked against `known`.
 *
 * @throws BattError `invalid-argument` for a malformed pair, an unknown or repeated name.
 */
export function parseAssignments(args: readonly string[], known: ReadonlySet<string>, listFields: ReadonlySet<string> = new Set()): Record<string, number | string | string[]> {
  if (args.length === 0) throw new BattError("invalid-argument", "give at least one field=value");
  const out: Record<string, number | string | string[]> = {};
  for (const arg of args) {
    const at = arg.indexOf("=");
    if (at <= 0) throw new BattError("invalid-argument", `expected field=value, got "${arg}"`);
    const name = arg.slice(0, at).trim();
    const text = arg.slice(at + 1);
    if (!known.has(name)) throw new BattError("invalid-argument", `unknown or read-only field "${name}" (writable: ${[...known].join(", ")})`);
    if (Object.hasOwn(out, name)) throw new BattError("invalid-argument", `field "${name}" given twice`);
    const number = Number(text);
    out[name] = listFields.has(name) ? text.split(",").map((s) => s.trim()).filter((s) => s !== "") : text.trim() !== "" && Number.isFinite(number) ? number : text;
  }
  return out;
}
