import { BattError } from "@batt/core";
import type { EnumValue, FlagsValue } from "@batt/modbus-rtu";
import { RegisterArea } from "../constants.js";
import type { ChargerModel, SystemLayoutId } from "../models/model.js";
import { SYSTEM_LAYOUTS, type SystemLayout } from "./system-layouts.js";

/** A decoded setting: a number in its unit, an enum (raw value and name), or flags. */
export type SettingValue = number | string | EnumValue | FlagsValue;

/** The SYSTEM block as read: the layout, the raw registers and the named values. */
export interface SystemSettings {
  /** Layout used to decode. */
  readonly layout: SystemLayoutId;
  /** Registers from 0x8400. */
  readonly registers: readonly number[];
  /** Named values (empty for the DX layout, which is raw only). */
  readonly values: Readonly<Record<string, SettingValue>>;
}

/** A change of settings: name to a number in the field's unit, or an enum name or value. */
export type SettingChanges = Readonly<Record<string, number | string>>;

/** Options of {@link planSystemWrite}. */
export interface SystemWriteRules {
  /** Allow changing Modbus mode, address, baud rate and parity (they can cut the current link; default false). */
  readonly allowLinkChanges?: boolean;
}

/** The registers after a change and the names that change. */
export interface SystemWritePlan {
  /** The whole SYSTEM block after the change. */
  readonly registers: number[];
  /** Settings whose registers differ from before (unchanged settings are left out). */
  readonly changed: readonly string[];
}

/** The SYSTEM layout of a model. */
export function systemLayoutOf(model: ChargerModel): SystemLayout {
  return SYSTEM_LAYOUTS[model.systemLayout];
}

/** Registers to read for a SYSTEM length in bytes (device info register 9): (len + 1) / 2. */
export function systemRegisterCount(systemLength: number, layout: SystemLayout): number {
  return systemLength > 0 ? Math.ceil(systemLength / 2) : layout.registers;
}

/** Decodes SYSTEM registers read from 0x8400; fields beyond the registers read are left out. */
export function decodeSystemSettings(layout: SystemLayout, registers: readonly number[]): SystemSettings {
  const values = layout.map.decodePartial(RegisterArea.system, registers) as Record<string, SettingValue>;
  return { layout: layout.id, registers: [...registers], values };
}

/**
 * Validates a change and computes the new SYSTEM registers (nothing is sent).
 *
 * @throws BattError `invalid-argument` for an unknown or read-only setting, a value outside its range
 *   (or the model's power limit), and link settings without `allowLinkChanges`; `unsupported` for a
 *   layout that is not known field by field (DX).
 */
export function planSystemWrite(
  layout: SystemLayout,
  model: ChargerModel,
  current: readonly number[],
  changes: SettingChanges,
  rules: SystemWriteRules = {},
): SystemWritePlan {
  if (layout.map.names.length === 0) {
    throw new BattError("unsupported", `the ${layout.id.toUpperCase()} SYSTEM layout is not documented field by field; writes are refused`);
  }
  const after = [...current];
  const changed: string[] = [];
  for (const [name, value] of Object.entries(changes)) {
    if (!layout.map.names.includes(name)) throw new BattError("invalid-argument", `unknown setting "${name}"`);
    if (!layout.writable.has(name)) throw new BattError("invalid-argument", `setting "${name}" is read-only (no documented range)`);
    if (layout.linkFields.has(name) && !rules.allowLinkChanges) {
      throw new BattError("invalid-argument", `setting "${name}" changes the link to the charger; pass allowLinkChanges to write it`);
    }
    const cap = layout.modelCaps[name];
    if (cap !== undefined) {
      const limit = cap === "chargePower" ? model.chargePower : model.dischargePower;
      if (typeof value !== "number" || value > limit) throw new BattError("invalid-argument", `${name}: ${String(value)} W exceeds the ${model.name} limit of ${limit} W`);
    }
    const write = layout.map.encode(name, value as never);
    const offset = write.address - RegisterArea.system;
    if (offset + write.registers.length > after.length) throw new BattError("invalid-argument", `setting "${name}" lies beyond the SYSTEM block the charger reports`);
    const differs = write.registers.some((word, i) => after[offset + i] !== word);
    write.registers.forEach((word, i) => (after[offset + i] = word));
    if (differs) changed.push(name);
  }
  return { registers: after, changed };
}
