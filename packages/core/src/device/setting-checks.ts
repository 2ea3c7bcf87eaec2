import { BattError } from "../errors.js";
import type { SettingChange, SettingField, SettingValue, SettingValues } from "./device-settings.js";

/** Numbers closer than this fraction of a step count as on the step (0.1 + 0.2 is 0.3). */
const STEP_TOLERANCE = 1e-6;

/**
 * Checks one value against its field: type, range, step, choices, length, read-only. Devices run
 * this first and add their own relations; an editor runs it as the person types.
 *
 * @throws BattError `invalid-argument` naming the field.
 */
export function checkSettingValue(field: SettingField, value: SettingValue): void {
  const fail = (why: string): never => {
    throw new BattError("invalid-argument", `${field.key}: ${why}`, { context: { setting: field.key, value } });
  };
  if (field.readOnly) fail("is read-only");
  switch (field.type) {
    case "number": {
      if (typeof value !== "number" || !Number.isFinite(value)) return fail("needs a number");
      const unit = field.unit ? ` ${field.unit}` : "";
      if (field.min !== undefined && value < field.min) fail(`${value}${unit} is below the least value, ${field.min}${unit}`);
      if (field.max !== undefined && value > field.max) fail(`${value}${unit} is above the greatest value, ${field.max}${unit}`);
      if (field.step !== undefined && field.step > 0) {
        const steps = (value - (field.min ?? 0)) / field.step;
        if (Math.abs(steps - Math.round(steps)) > STEP_TOLERANCE) fail(`${value}${unit} is not a multiple of ${field.step}${unit}`);
      }
      return;
    }
    case "boolean":
      if (typeof value !== "boolean") fail("needs on or off");
      return;
    case "enum":
      if (!field.choices?.some((c) => c.value === value)) fail(`${String(value)} is not one of ${(field.choices ?? []).map((c) => c.label).join(", ")}`);
      return;
    case "date":
      if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) fail("needs a date, YYYY-MM-DD");
      return;
    case "text":
      if (typeof value !== "string") fail("needs text");
      else if (field.maxLength !== undefined && value.length > field.maxLength) fail(`is longer than ${field.maxLength} characters`);
      return;
  }
}

/**
 * Checks a set of changes against the fields: every key known, every value accepted.
 *
 * @throws BattError `invalid-argument` for the first unknown key or refused value.
 */
export function checkSettingValues(fields: readonly SettingField[], changes: SettingValues): void {
  const byKey = new Map(fields.map((f) => [f.key, f]));
  for (const [key, value] of Object.entries(changes)) {
    const field = byKey.get(key);
    if (!field) throw new BattError("invalid-argument", `unknown setting "${key}"`, { context: { setting: key } });
    checkSettingValue(field, value);
  }
}

/** Whether two values of a field are the same setting (numbers within a hundredth of its step). */
export function sameSettingValue(field: SettingField | undefined, a: SettingValue | undefined, b: SettingValue): boolean {
  if (typeof a === "number" && typeof b === "number") {
    const step = field?.step ?? 0;
    return step > 0 ? Math.abs(a - b) < step / 100 : a === b;
  }
  return a === b;
}

/**
 * What writing `target` over `current` would change, in the fields' order: read-only fields and
 * values already stored are left out, so that a restore writes only what differs.
 */
export function diffSettingValues(fields: readonly SettingField[], current: SettingValues, target: SettingValues): SettingChange[] {
  const changes: SettingChange[] = [];
  const known = new Set(fields.map((f) => f.key));
  for (const field of fields) {
    if (field.readOnly || !(field.key in target)) continue;
    const to = target[field.key]!;
    const from = current[field.key];
    if (!sameSettingValue(field, from, to)) changes.push({ key: field.key, ...(from !== undefined ? { from } : {}), to });
  }
  for (const key of Object.keys(target)) if (!known.has(key)) changes.push({ key, to: target[key]! });
  return changes;
}
