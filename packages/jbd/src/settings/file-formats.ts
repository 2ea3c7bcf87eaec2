import { BattError, type SettingField, type SettingsFileFormat, type SettingValues } from "@batt/core";
import { createBackup, parseBackup, type BackupDevice } from "../backup.js";
import { exportFig, importFig, type FigLineEnding } from "../fig.js";
import { checkJbdValues } from "./check-values.js";
import { encodeSetting, insertField, type RegisterValue } from "./convert.js";
import { toFieldValues, toTableValues } from "./field-values.js";
import { JBD_SETTINGS, settingAddresses, settingsAt } from "./table.js";

/** Options of {@link jbdJsonFormat}. */
export interface JbdJsonFormatOptions {
  /** The BMS the values come from, written into the document (default: nothing known). */
  readonly device?: () => BackupDevice;
  /** The time written as `created` (default: now). */
  readonly now?: () => Date;
}

function text(bytes: Uint8Array): string {
  return new TextDecoder().decode(bytes);
}

/**
 * The `batt-jbd-settings` JSON backup of `batt jbd backup` as a settings file format. `decode` takes
 * any such document (a `batt jbd backup` file too): named bits come out of `func_config` and
 * `ntc_config`, and every value is checked as a write would check it.
 */
export function jbdJsonFormat(fields: readonly SettingField[], options: JbdJsonFormatOptions = {}): SettingsFileFormat {
  return {
    id: "json",
    name: "JSON backup",
    extension: ".json",
    mediaType: "application/json",
    encode(values) {
      const snapshot = { values: toTableValues(values), registers: {}, unsupported: [], bits: {} };
      const doc = createBackup(snapshot, options.device?.() ?? {}, options.now?.() ?? new Date());
      return new TextEncoder().encode(`${JSON.stringify(doc, null, 2)}\n`);
    },
    decode(bytes) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text(bytes));
      } catch (error) {
        throw new BattError("invalid-argument", `not a JSON backup: ${(error as Error).message}`);
      }
      const values = toFieldValues(parseBackup(parsed).settings);
      checkJbdValues(fields, values);
      return values;
    },
  };
}

/** Register contents for `values`: a register is present when every setting stored in it has a value. */
function registersOf(values: SettingValues): Record<number, RegisterValue> {
  const table = toTableValues(values);
  const out: Record<number, RegisterValue> = {};
  for (const address of settingAddresses(JBD_SETTINGS)) {
    const defs = settingsAt(address);
    if (!defs.every((d) => d.name in table)) continue;
    let word: RegisterValue = 0;
    for (const def of defs) {
      const field = encodeSetting(def, table[def.name]!);
      word = typeof field === "string" ? field : insertField(def, word as number, field);
    }
    out[address] = word;
  }
  return out;
}

/**
 * JBDTools' `.fig` parameter file as a settings file format: raw register integers, converted from
 * and to values with the settings table. `encode` needs every register of the standard key set
 * (unnamed bits of `func_config` and `ntc_config` are written 0); `decode` ignores unknown keys and
 * registers of which the file holds one byte only, and checks every value as a write would.
 */
export function jbdFigFormat(fields: readonly SettingField[], lineEnding: FigLineEnding = "bms-tools"): SettingsFileFormat {
  return {
    id: "fig",
    name: "JBDTools .fig",
    extension: ".fig",
    mediaType: "text/plain",
    encode: (values) => new TextEncoder().encode(exportFig(registersOf(values), { lineEnding })),
    decode(bytes) {
      const values = toFieldValues(importFig(text(bytes)).settings);
      checkJbdValues(fields, values);
      return values;
    },
  };
}
