import type { SettingField } from "@batt/core";
import type { RegisterField } from "@batt/modbus-rtu";
import type { ChargerModel } from "../models/model.js";
import type { SystemLayout } from "./system-layouts.js";

/** Headings of the iCharger SYSTEM editor, each with the field names it takes (tested in order; the first match wins): data. */
const GROUPS: readonly (readonly [string, RegExp])[] = [
  ["Temperature and fans", /^(temperatureUnit|cutTemperature|fanOnTemperature|powerReduceDelta|fanSpeed|fanOffDelay)$/],
  ["Regenerative discharge", /^(regen|input\dRegen)/],
  ["Input", /^(inputSource|dcInput|batteryInput|input\d)/],
  ["Power", /^(chargePower|dischargePower|powerPriority)/],
  ["Logging", /^(logInterval|logToSd)/],
  ["Display and sound", /^(lcdContrast|backlight|beep|doneBeepType|language)/],
  ["Servo tester", /^servo/],
  ["Link", /^(modbusMode|serialAddress|baudRate|parity)$/],
  ["System", /./],
];

/** A field name in words for a person: `dcInputLowVoltage` → `DC input low voltage`, `chargePowerCh1` → `charge power CH1`. */
function wordsOf(name: string): string {
  const words = name.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/([a-z])(\d)/g, "$1 $2").toLowerCase().replace(/\bdc\b/, "DC").replace(/\bch (\d)/, "CH$1").replace(/\blcd\b/, "LCD").replace(/\bsd\b/, "SD");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** An enum of just `off`/`on`: shown as a switch. */
export function isOnOffField(field: RegisterField): boolean {
  if (field.type !== "enum") return false;
  const entries = Object.entries(field.values);
  return entries.length === 2 && field.values[0] === "off" && field.values[1] === "on";
}

/**
 * The SYSTEM settings of `layout` as fields for an editor, in layout order under headings. Fields the
 * driver refuses to write are read-only: those without a documented range (reserved words, versions,
 * fixed values, undocumented units) and the link settings (Modbus mode, address, baud rate, parity:
 * a write can cut the link the editor speaks over). Powers capped by the model get the model's limit
 * as their greatest value; off/on choices are switches.
 */
export function systemSettingFields(layout: SystemLayout, model: ChargerModel): SettingField[] {
  const fields = layout.map.fields as Readonly<Record<string, RegisterField>>;
  return Object.entries(fields).flatMap(([name, field]): SettingField[] => {
    const group = GROUPS.find(([, pattern]) => pattern.test(name))![0];
    const readOnly = !layout.writable.has(name) || layout.linkFields.has(name);
    const described = { key: name, name: wordsOf(name), group, ...(readOnly ? { readOnly: true } : {}) };
    if (isOnOffField(field)) return [{ ...described, type: "boolean" }];
    if (field.type === "enum") return [{ ...described, type: "enum", choices: Object.values(field.values).map((v) => ({ value: v, label: v })) }];
    if (field.type === "flags" || field.type === "string") return [];
    const cap = layout.modelCaps[name];
    const limit = cap === "chargePower" ? model.chargePower : cap === "dischargePower" ? model.dischargePower : undefined;
    const max = limit !== undefined && field.max !== undefined ? Math.min(field.max, limit) : field.max;
    return [
      {
        ...described,
        type: "number",
        ...(field.unit ? { unit: field.unit } : {}),
        ...(field.min !== undefined ? { min: field.min } : {}),
        ...(max !== undefined ? { max } : {}),
        step: field.scale ?? 1,
      },
    ];
  });
}
