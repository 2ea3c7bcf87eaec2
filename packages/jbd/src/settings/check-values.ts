import { checkSettingValues, type SettingField, type SettingValues } from "@batt/core";
import { encodeSetting } from "./convert.js";
import { splitFieldValues } from "./field-values.js";
import { checkRelations } from "./relations.js";
import { findSetting } from "./table.js";
import type { SettingValue } from "./types.js";

/**
 * Checks JBD field values as a write checks them, sending nothing: the shared checks of each field
 * (type, range, step, choices, length), then what only the register knows (printable ASCII text,
 * dates 2000–2127, the register's width), then the release-vs-threshold relations of every changed
 * setting against `known` field values (the BMS's last read values; partners neither changed nor known
 * are left to the write, which reads them from the BMS).
 *
 * @throws BattError `invalid-argument` naming the field or the relation.
 */
export function checkJbdValues(fields: readonly SettingField[], changes: SettingValues, known: SettingValues = {}): void {
  checkSettingValues(fields, changes);
  const { plain } = splitFieldValues(changes);
  for (const [name, value] of Object.entries(plain)) encodeSetting(findSetting(name)!, value);
  const merged = new Map<string, SettingValue>(Object.entries({ ...known, ...plain }));
  checkRelations(merged, new Set(Object.keys(plain)));
}
