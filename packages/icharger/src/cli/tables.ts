import type { ResultTable } from "@batt/core";
import { PRESET_FIELDS } from "../presets/preset-fields.js";

// Tables a person reads from `batt icharger presets` and `ir`, with units; `--json` prints the results themselves.

const milliohm = (ohm: number): string => `${(ohm * 1000).toFixed(1)} mΩ`;

/** A preset value as text: a named code by its name, lists joined, numbers with the field's unit. */
function valueText(value: unknown, unit: string | undefined): string {
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    const named = value as { name?: unknown; names?: unknown };
    if (typeof named.name === "string") return named.name;
    if (Array.isArray(named.names)) return named.names.join(", ");
  }
  if (Array.isArray(value)) return value.join(", ");
  return unit && typeof value === "number" ? `${value} ${unit}` : String(value);
}

/** `presets`: the list (slot, name, currents in A), or every field of one preset with its unit. */
export function presetsTable(result: unknown): ResultTable {
  if (Array.isArray(result)) {
    const rows = (result as { slot: number; name: string; chemistry: string; state: string; chargeCurrent?: number; dischargeCurrent?: number; operations?: string[] }[]).map((p) => [
      String(p.slot),
      p.name,
      p.chemistry,
      p.state,
      p.chargeCurrent !== undefined ? `${p.chargeCurrent} A` : "",
      p.dischargeCurrent !== undefined ? `${p.dischargeCurrent} A` : "",
      (p.operations ?? []).join(", "),
    ]);
    return { header: ["slot", "name", "chemistry", "state", "charge", "discharge", "operations"], rows, align: ["right", "left", "left", "left", "right", "right", "left"] };
  }
  const preset = result as { slot: number; values: Readonly<Record<string, unknown>> };
  const units = new Map(PRESET_FIELDS.map((f) => [f.name, f.unit]));
  const rows = Object.entries(preset.values).map(([name, value]) => [name, valueText(value, units.get(name))]);
  return { header: ["field", "value"], rows: [["slot", String(preset.slot)], ...rows] };
}

/** `ir`: each cell's internal resistance in mΩ, the total and the leads'. */
export function irTable(result: unknown): ResultTable {
  const ir = result as { channel: number; cellIr?: readonly number[]; totalIr?: number; lineIr?: number };
  if (ir.cellIr === undefined) return { header: ["name", "value"], rows: Object.entries(ir).map(([k, v]) => [k, valueText(v, undefined)]) };
  const rows = ir.cellIr.map((ohm, i) => [`cell ${i + 1}`, milliohm(ohm)]);
  if (ir.totalIr !== undefined) rows.push(["total", milliohm(ir.totalIr)]);
  if (ir.lineIr !== undefined) rows.push(["leads", milliohm(ir.lineIr)]);
  return { header: [`channel ${ir.channel + 1}`, "IR"], rows, align: ["left", "right"] };
}
