import { BattError } from "@batt/core";
import type { SettingsSnapshot } from "./settings/snapshot.js";
import { encodeSetting, extractField } from "./settings/convert.js";
import { findSetting } from "./settings/table.js";
import type { SettingValue } from "./settings/types.js";

/** `format` tag of a settings backup document. */
export const BACKUP_FORMAT = "batt-jbd-settings";
/** Version of the backup document layout. */
export const BACKUP_VERSION = 1;

/** The BMS a backup was taken from. */
export interface BackupDevice {
  /** Model string (register 0x05), when the BMS answered it. */
  readonly name?: string;
  /** Software version (`8.0`). */
  readonly softwareVersion?: string;
  /** Manufacture date `YYYY-MM-DD`. */
  readonly manufactureDate?: string;
  /** Cell count. */
  readonly cellCount?: number;
}

/** A JSON document with every setting of a BMS. */
export interface JbdSettingsBackup {
  /** Always {@link BACKUP_FORMAT}. */
  readonly format: typeof BACKUP_FORMAT;
  /** Always {@link BACKUP_VERSION}. */
  readonly version: typeof BACKUP_VERSION;
  /** When the backup was taken (ISO 8601). */
  readonly created: string;
  /** Where it was taken from. */
  readonly device: BackupDevice;
  /** Values in user units, by setting name. */
  readonly settings: Readonly<Record<string, SettingValue>>;
  /** Settings the BMS did not have. */
  readonly unsupported?: readonly string[];
}

/** One setting that differs between the BMS and a target. */
export interface SettingDiff {
  /** Setting name. */
  readonly name: string;
  /** Current value on the BMS (absent when the BMS lacks the register). */
  readonly from?: SettingValue;
  /** Value from the backup. */
  readonly to: SettingValue;
}

/** Builds a backup document from a snapshot. */
export function createBackup(snapshot: SettingsSnapshot, device: BackupDevice, created: Date = new Date()): JbdSettingsBackup {
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    created: created.toISOString(),
    device,
    settings: { ...snapshot.values },
    ...(snapshot.unsupported.length > 0 ? { unsupported: [...snapshot.unsupported] } : {}),
  };
}

/**
 * Checks that `value` (parsed JSON) is a backup document and that every setting is known and
 * valid (type and range), so a restore can fail before anything is sent.
 *
 * @throws BattError `invalid-argument` describing the first problem.
 */
export function parseBackup(value: unknown): JbdSettingsBackup {
  const doc = value as Partial<JbdSettingsBackup> | null;
  if (typeof doc !== "object" || doc === null || doc.format !== BACKUP_FORMAT) {
    throw new BattError("invalid-argument", `not a ${BACKUP_FORMAT} document`);
  }
  if (doc.version !== BACKUP_VERSION) {
    // Not String(): a parsed object such as {"toString": 1} would make it throw a TypeError.
    const version = typeof doc.version === "number" || typeof doc.version === "string" ? String(doc.version) : typeof doc.version;
    throw new BattError("invalid-argument", `unsupported backup version ${version}`);
  }
  if (typeof doc.settings !== "object" || doc.settings === null) throw new BattError("invalid-argument", "backup has no settings");
  for (const [name, setting] of Object.entries(doc.settings)) {
    const def = findSetting(name);
    if (!def) throw new BattError("invalid-argument", `backup holds unknown setting "${name}"`);
    encodeSetting(def, setting);
  }
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    created: typeof doc.created === "string" ? doc.created : "",
    device: deviceOf(doc.device),
    settings: doc.settings,
    ...(Array.isArray(doc.unsupported) ? { unsupported: (doc.unsupported as unknown[]).filter((n): n is string => typeof n === "string") } : {}),
  };
}

/** The known fields of a backup's `device` block that have the right type (text from a file can hold anything, `1e999` too). */
function deviceOf(value: unknown): BackupDevice {
  if (typeof value !== "object" || value === null) return {};
  const d = value as Record<string, unknown>;
  const text = (key: "name" | "softwareVersion" | "manufactureDate"): object => (typeof d[key] === "string" ? { [key]: d[key] } : {});
  const cells = Number.isInteger(d["cellCount"]) && (d["cellCount"] as number) >= 0 ? { cellCount: d["cellCount"] as number } : {};
  return { ...text("name"), ...text("softwareVersion"), ...text("manufactureDate"), ...cells };
}

/**
 * The settings of `target` that differ from `current`, compared as raw register fields (so
 * 3.65 and 3.650 are equal). Settings the BMS lacks are reported with no `from`.
 */
export function diffSettings(current: SettingsSnapshot, target: Readonly<Record<string, SettingValue>>): SettingDiff[] {
  const out: SettingDiff[] = [];
  for (const [name, to] of Object.entries(target)) {
    const def = findSetting(name);
    if (!def) throw new BattError("invalid-argument", `unknown setting "${name}"`);
    const register = current.registers[def.address];
    const from = current.values[name];
    if (register === undefined || from === undefined) {
      out.push({ name, to });
      continue;
    }
    const want = encodeSetting(def, to);
    const have = typeof register === "string" ? register : extractField(def, register);
    if (want !== have) out.push({ name, from, to });
  }
  return out;
}
