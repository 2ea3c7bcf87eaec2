import {
  checkSettingValues,
  settingsWriteError,
  type DeviceSettings,
  type SettingField,
  type SettingsWriteResult,
  type SettingValue,
  type SettingValues,
} from "@batt/core";
import type { FlagsValue, RegisterField } from "@batt/modbus-rtu";
import type { JkPbBms } from "./jk-pb-bms.js";
import { isSwitchField, jkPbBitKey, jkPbSettingFields } from "./pb-setting-fields.js";
import { checkJkPbRelations } from "./pb-setting-relations.js";
import { JK_PB_SETTINGS_MAP, type JkPbSettingName } from "./pb-settings-map.js";

const MAP_FIELDS = JK_PB_SETTINGS_MAP.fields as Readonly<Record<string, RegisterField>>;

/** A setting's decoded register value as field values (a flags word becomes its named bits). */
function fieldValuesOf(name: string, decoded: unknown): Record<string, SettingValue> {
  const field = MAP_FIELDS[name];
  if (!field) return {};
  if (field.type === "flags") {
    const flags = decoded as FlagsValue;
    return Object.fromEntries(Object.entries(field.bits).map(([bit, n]) => [jkPbBitKey(name, n), ((flags.value >>> Number(bit)) & 1) === 1]));
  }
  if (typeof decoded !== "number") return {};
  return { [name]: isSwitchField(field) ? decoded !== 0 : decoded };
}

/** Every decoded setting as field values. */
function toFieldValues(settings: Readonly<Record<string, unknown>>): Record<string, SettingValue> {
  return Object.assign({}, ...Object.keys(MAP_FIELDS).map((name) => fieldValuesOf(name, settings[name]))) as Record<string, SettingValue>;
}

interface Planned {
  /** Whole settings to write, by name, as register-map input (numbers; switches 0/1). */
  readonly plain: Map<string, number>;
  /** Named bits wanted, by flags setting. */
  readonly bits: Map<string, Map<number, boolean>>;
}

/** Field changes as register-map input, each value checked by the map's own encoder (range, raw width). */
function plan(changes: SettingValues): Planned {
  const plain = new Map<string, number>();
  const bits = new Map<string, Map<number, boolean>>();
  for (const [key, value] of Object.entries(changes)) {
    const [name, bit] = key.split(".") as [string, string | undefined];
    const field = MAP_FIELDS[name]!;
    if (field.type === "flags") {
      const number = Number(Object.entries(field.bits).find(([, n]) => n === bit)![0]);
      const set = bits.get(name) ?? new Map<number, boolean>();
      bits.set(name, set.set(number, value === true));
      continue;
    }
    const input = typeof value === "boolean" ? (value ? 1 : 0) : (value as number);
    JK_PB_SETTINGS_MAP.encode(name as JkPbSettingName, input as never);
    plain.set(name, input);
  }
  return { plain, bits };
}

/**
 * The settings block of one JK-PB pack (0x1000, Modbus registers) behind the shared
 * {@link DeviceSettings} seam: fields from {@link JK_PB_SETTINGS_MAP} (`jkPbSettingFields`), writes
 * through the driver's `writeSetting` (FC 0x10; a setting the pack already holds is not written,
 * each written one is read back). The protocol has no separate save step: the pack keeps what it
 * is written. No file formats: JK has no settings file of its own that we know of.
 */
export class JkPbDeviceSettings implements DeviceSettings {
  /** Every setting, grouped for an editor. */
  readonly fields: readonly SettingField[] = jkPbSettingFields();
  /** Values last read or written, for the relation checks of {@link JkPbDeviceSettings.check}. */
  private known: Record<string, SettingValue> = {};

  constructor(
    /** The pack. */
    readonly pack: JkPbBms,
  ) {}

  /** Reads the whole settings block (planned reads of at most the pack's largest read). */
  async read(signal?: AbortSignal): Promise<SettingValues> {
    const values = toFieldValues(await this.pack.readSettings(signal));
    this.known = { ...values };
    return values;
  }

  /**
   * Checks `changes` as {@link JkPbDeviceSettings.write} does, sending nothing: the fields' own
   * checks, the register map's ranges, and recoveries against their protections among the changes
   * and the values last read.
   *
   * @throws BattError `invalid-argument` naming the field or the relation.
   */
  check(changes: SettingValues): void {
    checkSettingValues(this.fields, changes);
    plan(changes);
    checkJkPbRelations({ ...this.known, ...changes }, new Set(Object.keys(changes)));
  }

  /**
   * Reads the block, checks the changes against it (relations included), then writes each changed
   * setting with the driver's `writeSetting` (unchanged ones are not written) and reads it back.
   * Named bits are set into the function word as the pack holds it, its other bits kept.
   *
   * @throws BattError `invalid-argument` before anything is sent; `verify-failed` when a read-back
   *   differs; link errors. A failure after some writes says in its message and `context` which
   *   settings were `written` and which were `notWritten`.
   */
  async write(changes: SettingValues, signal?: AbortSignal): Promise<SettingsWriteResult> {
    checkSettingValues(this.fields, changes);
    const { plain, bits } = plan(changes);
    const settings = (await this.pack.readSettings(signal)) as Readonly<Record<string, unknown>>;
    const before = toFieldValues(settings);
    checkJkPbRelations({ ...before, ...changes }, new Set(Object.keys(changes)));

    const writes: [string, number][] = [];
    for (const name of Object.keys(MAP_FIELDS)) {
      const wanted = bits.get(name);
      if (plain.has(name)) writes.push([name, plain.get(name)!]);
      else if (wanted) {
        let raw = (settings[name] as FlagsValue).value;
        for (const [bit, on] of wanted) raw = on ? raw | (1 << bit) : raw & ~(1 << bit);
        writes.push([name, raw >>> 0]);
      }
    }
    const after: Record<string, SettingValue> = {};
    const done: string[] = [];
    for (const [name, value] of writes) {
      try {
        const result = await this.pack.writeSetting(name as JkPbSettingName, value as never, signal ? { signal } : {});
        Object.assign(after, fieldValuesOf(name, result.readBack));
        done.push(name);
      } catch (error) {
        throw settingsWriteError(error, done, writes.map(([n]) => n).filter((n) => !done.includes(n)));
      }
    }
    const values: Record<string, SettingValue> = {};
    const written: string[] = [];
    const unchanged: string[] = [];
    for (const key of Object.keys(changes)) {
      values[key] = after[key]!;
      (after[key] === before[key] ? unchanged : written).push(key);
    }
    this.known = { ...this.known, ...values };
    return { written, unchanged, values };
  }
}
