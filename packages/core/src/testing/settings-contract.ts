import type { DeviceSettings, SettingField, SettingValues } from "../device/device-settings.js";
import { checkSettingValue, sameSettingValue } from "../device/setting-checks.js";
import { isBattError } from "../errors.js";
import type { ContractCase } from "./transport-contract.js";

/** Runs `body` with the settings of a session connected to the plugin's simulator. */
export type WithSettings = (body: (settings: DeviceSettings) => Promise<void>) => Promise<void>;

function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

const FIELD_TYPES: ReadonlySet<string> = new Set(["number", "boolean", "enum", "date", "text"]);

function checkFields(settings: DeviceSettings): void {
  check(settings.fields.length > 0, "settings have fields");
  const keys = new Set<string>();
  for (const f of settings.fields) {
    check(typeof f.key === "string" && f.key.length > 0 && !keys.has(f.key), `field key "${f.key}" is unique and not empty`);
    keys.add(f.key);
    check(typeof f.name === "string" && f.name.length > 0, `${f.key} has a name`);
    check(FIELD_TYPES.has(f.type), `${f.key}: type ${f.type} is known`);
    if (f.min !== undefined && f.max !== undefined) check(f.min <= f.max, `${f.key}: min ${f.min} ≤ max ${f.max}`);
    if (f.step !== undefined) check(f.step > 0, `${f.key}: step ${f.step} is positive`);
    if (f.type === "enum") check((f.choices?.length ?? 0) > 0, `${f.key}: an enum has choices`);
  }
  const ids = (settings.formats ?? []).map((f) => f.id);
  check(new Set(ids).size === ids.length, `format ids ${ids.join(", ")} are unique`);
  for (const f of settings.formats ?? []) check(f.extension.startsWith("."), `format ${f.id}: extension ${f.extension} starts with a dot`);
}

/** A value `field` refuses: above its greatest or below its least number, or no choice of an enum. */
function refusedValue(field: SettingField): number | string | undefined {
  const over = Math.max(1, field.step ?? 1);
  if (field.type === "number" && field.max !== undefined) return field.max + over;
  if (field.type === "number" && field.min !== undefined) return field.min - over;
  if (field.type === "enum") return "\u0000not-a-choice";
  return undefined;
}

function refuses(settings: DeviceSettings, changes: SettingValues, what: string): void {
  try {
    settings.check(changes);
  } catch (error) {
    check(isBattError(error, "invalid-argument"), `check refuses ${what} with invalid-argument, got ${String(error)}`);
    return;
  }
  throw new Error(`check refuses ${what}`);
}

/**
 * What every {@link DeviceSettings} promises, run on a session of the plugin's simulator: fields
 * described with unique keys, a read of known keys with values their fields accept (and given back
 * by every file format), checks that refuse, and a value written back reported unchanged.
 */
export function settingsContract(withSettings: WithSettings): ContractCase[] {
  return [
    { name: "settings: fields are described, with unique keys", run: () => withSettings(async (s) => checkFields(s)) },
    {
      name: "settings: a read gives known keys only, each value one its field accepts, and every file format gives them back",
      run: () =>
        withSettings(async (s) => {
          const byKey = new Map(s.fields.map((f) => [f.key, f]));
          const values = await s.read();
          check(Object.keys(values).length > 0, "a read gives values");
          for (const [key, value] of Object.entries(values)) {
            const field = byKey.get(key);
            check(field !== undefined, `read key "${key}" is a field`);
            // A read-only field is shown, never written: checkSettingValue refuses every value for it.
            if (!field.readOnly) checkSettingValue(field, value);
          }
          for (const format of s.formats ?? []) {
            const back = format.decode(format.encode(values));
            // A format may hold fewer settings than the device has (JBDTools' .fig lacks the newest registers).
            check(Object.keys(back).length > 0, `${format.id}: a file of the values read gives values back`);
            for (const [key, value] of Object.entries(back)) {
              check(sameSettingValue(byKey.get(key), values[key], value), `${format.id}: ${key} comes back as ${String(value)}, was ${String(values[key])}`);
            }
          }
        }),
    },
    {
      name: "settings: check refuses an unknown key and a value off range, sending nothing",
      run: () =>
        withSettings(async (s) => {
          refuses(s, { "\u0000no such setting": 1 }, "an unknown key");
          const field = s.fields.find((f) => !f.readOnly && refusedValue(f) !== undefined);
          check(field !== undefined, "a writable number with a range, or an enum, to refuse a value for");
          refuses(s, { [field.key]: refusedValue(field)! }, `${field.key} = ${String(refusedValue(field))}`);
        }),
    },
    {
      name: "settings: writing back the value a setting has reports it unchanged",
      run: () =>
        withSettings(async (s) => {
          const values = await s.read();
          const field = s.fields.find((f) => !f.readOnly && f.key in values);
          check(field !== undefined, "a writable field that the read gave");
          const value = values[field.key]!;
          const result = await s.write({ [field.key]: value });
          check(result.unchanged.includes(field.key) && !result.written.includes(field.key), `${field.key} reported unchanged, got ${JSON.stringify(result)}`);
          check(sameSettingValue(field, result.values[field.key], value), `${field.key} reads back ${String(result.values[field.key])}, was ${String(value)}`);
        }),
    },
  ];
}
