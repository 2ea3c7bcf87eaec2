import { BattError } from "@batt/core";
import { identifierByKey, JK_IDENTIFIERS, type JkSettingKey, type JkWritableKey } from "./identifiers/identifier-table.js";
import type { JkIdentifierSpec } from "./identifiers/identifier-spec.js";
import type { JkSnapshot } from "./snapshot.js";
import type { JkValues } from "./values.js";

/** The settings (readable and writable identifiers) of a read-all reply, by name. */
export type JkSettings = Pick<JkValues, JkSettingKey>;

/** Names of every setting, in table order. */
export const JK_SETTING_KEYS: readonly JkSettingKey[] = JK_IDENTIFIERS.filter((s) => s.access === "rw").map((s) => s.key as JkSettingKey);

/** Names of every identifier a write may set (settings and write-only commands), in table order. */
export const JK_WRITABLE_KEYS: readonly JkWritableKey[] = JK_IDENTIFIERS.filter((s) => s.access !== "r").map((s) => s.key as JkWritableKey);

/** The settings found in a snapshot (an old firmware's reply lacks some). */
export function settingsOf(snapshot: JkSnapshot): JkSettings {
  const out: Record<string, unknown> = {};
  for (const key of JK_SETTING_KEYS) if (snapshot.values[key] !== undefined) out[key] = snapshot.values[key];
  return out as JkSettings;
}

/**
 * The table row of a writable identifier, by name or identifier byte.
 *
 * @throws BattError `invalid-argument` for an unknown or read-only identifier.
 */
export function writableSpec(keyOrId: string | number): JkIdentifierSpec {
  const spec = typeof keyOrId === "number" ? JK_IDENTIFIERS.find((s) => s.id === keyOrId) : identifierByKey(keyOrId);
  if (!spec) throw new BattError("invalid-argument", `unknown identifier ${String(keyOrId)}; writable: ${JK_WRITABLE_KEYS.join(", ")}`);
  if (spec.access === "r") throw new BattError("invalid-argument", `${spec.key} is read-only`);
  return spec;
}
