import { BattError, type SettingsFileFormat, type SettingValues } from "@batt/core";
import { downloadBlob } from "../download.js";

/** `2026-12-06`, the local date a backup is named after. */
function today(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** A backup's file name: `jbd-settings-2026-12-06.json`. */
export function backupFileName(device: string, format: SettingsFileFormat, now = new Date()): string {
  return `${device}-settings-${today(now)}${format.extension}`;
}

/** Saves `values` in `format` through a download. */
export function downloadBackup(values: SettingValues, format: SettingsFileFormat, fileName: string): void {
  downloadBlob(new Blob([format.encode(values).slice().buffer], { type: format.mediaType }), fileName);
}

/**
 * The values of a backup file, decoded by the format its extension names (`.json`, `.fig`).
 *
 * @throws BattError `invalid-argument` for an extension no format has, or a file the format refuses.
 */
export async function readBackup(file: File, formats: readonly SettingsFileFormat[]): Promise<{ format: SettingsFileFormat; values: SettingValues }> {
  const name = file.name.toLowerCase();
  const format = formats.find((f) => name.endsWith(f.extension.toLowerCase()));
  if (!format) throw new BattError("invalid-argument", `${file.name} is not a backup this device reads (${formats.map((f) => f.extension).join(", ")})`);
  return { format, values: format.decode(new Uint8Array(await file.arrayBuffer())) };
}
