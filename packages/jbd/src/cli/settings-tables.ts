import type { ResultTable } from "@batt/core";
import type { SettingDiff } from "../backup.js";
import type { RestoreResult } from "../jbd-bms.js";
import type { SettingsWriteReport } from "../settings-writer.js";
import { formatSettingValue } from "../settings/convert.js";
import { findSetting, JBD_SETTINGS } from "../settings/table.js";
import type { SettingValue } from "../settings/types.js";

// Tables a person reads from `batt jbd settings …` and `restore`: names, values with their units,
// registers and ranges. `--json` prints the results themselves.

const hex = (n: number): string => `0x${n.toString(16).padStart(2, "0")}`;

/** A setting's value as text with its unit ("3.65 V", "0x0034 (switch, scrl)"). */
export function settingText(name: string, value: SettingValue | undefined): string {
  if (value === undefined) return "";
  const def = findSetting(name);
  return def ? formatSettingValue(def, value) : String(value);
}

/** `settings list`: every setting with its register, unit, range and meaning. */
export function settingsListTable(): ResultTable {
  return {
    header: ["name", "register", "unit", "range", "description"],
    rows: JBD_SETTINGS.map((d) => [
      d.name,
      hex(d.address),
      d.unit ?? "",
      d.values ? d.values.join("|") : d.min !== undefined || d.max !== undefined ? `${d.min ?? ""}..${d.max ?? ""}` : d.kind,
      d.description,
    ]),
  };
}

/** `settings get`: one setting, or every setting of a snapshot, with value and unit. */
export function settingsValuesTable(result: unknown): ResultTable {
  const header = ["name", "value", "register", "description"];
  const row = (name: string, value: SettingValue | undefined): string[] => {
    const def = findSetting(name);
    return [name, settingText(name, value), def ? hex(def.address) : "", def?.description ?? ""];
  };
  const record = result as { name?: string; value?: SettingValue; values?: Readonly<Record<string, SettingValue>>; unsupported?: readonly string[] };
  if (record.values) {
    const rows = Object.entries(record.values).map(([name, value]) => row(name, value));
    for (const name of record.unsupported ?? []) rows.push([name, "(not on this BMS)", hex(findSetting(name)?.address ?? 0), findSetting(name)?.description ?? ""]);
    return { header, rows };
  }
  return { header, rows: [row(record.name ?? "", record.value)] };
}

/** `settings set`: what was written, what already had the value, and whether it was saved. */
export function writeReportTable(result: SettingsWriteReport & { readonly requested?: Readonly<Record<string, SettingValue>> }): ResultTable {
  const { requested, ...report } = result;
  const rows = [
    ...report.written.map((name) => [name, requested?.[name] !== undefined ? settingText(name, requested[name]) : "", "written, read back"]),
    ...report.unchanged.map((name) => [name, requested?.[name] !== undefined ? settingText(name, requested[name]) : "", "unchanged"]),
  ];
  rows.push(["(EEPROM)", "", report.saved ? "saved" : "not saved"]);
  return { header: ["setting", "value", "result"], rows };
}

/** `restore`: the settings that differ (from → to), and what was done. */
export function restoreTable(result: RestoreResult, dryRun: boolean): ResultTable {
  const written = new Set(result.report?.written ?? []);
  const rows = result.diff.map((d: SettingDiff) => [
    d.name,
    settingText(d.name, d.from),
    settingText(d.name, d.to),
    dryRun ? "dry run: not written" : written.has(d.name) ? "written, read back" : "not written",
  ]);
  for (const name of result.skipped) rows.push([name, "", "", "not on this BMS: skipped"]);
  if (rows.length === 0) rows.push(["(all settings)", "", "", "already as in the backup"]);
  return { header: ["setting", "on the BMS", "in the backup", "result"], rows };
}

/** `counters`: each error counter by name. */
export function countersTable(counters: unknown): ResultTable {
  const entries = Object.entries(counters as Record<string, number>);
  return { header: ["counter", "count"], rows: entries.map(([name, n]) => [name, String(n)]), align: ["left", "right"] };
}
