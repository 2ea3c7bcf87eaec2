/** Storage types of MEMORY fields (little-endian byte image, docs/protocols/icharger.md#preset-memory-holding-0x8c00). */
export type PresetFieldType = "u8" | "u16" | "u32" | "text" | "bytes" | "flags8" | "flags16";

/** A model limit that caps a field beyond the table's range. */
export type PresetCap = "chargeCurrent" | "cells";

/** One MEMORY field: where it is, how it is stored, what it means and what a write may set. */
export interface PresetField {
  /** Field name. */
  readonly name: string;
  /** Byte offset in the MEMORY image. */
  readonly offset: number;
  /** Storage type. */
  readonly type: PresetFieldType;
  /** Size in bytes for `text` and `bytes`. */
  readonly size?: number;
  /** Unit of the scaled value. */
  readonly unit?: string;
  /** Value = raw × scale (default 1). */
  readonly scale?: number;
  /** Least value a write may set (scaled). */
  readonly min?: number;
  /** Greatest value a write may set (scaled). */
  readonly max?: number;
  /** Named raw values (`"battery-type"`: the model's battery-type numbering). */
  readonly values?: Readonly<Record<number, string>> | "battery-type";
  /** Names of flag bits. */
  readonly bits?: Readonly<Record<number, string>>;
  /** Model limit capping the value. */
  readonly cap?: PresetCap;
  /** Raw values a write may set are multiples of this (default 1). */
  readonly step?: number;
  /** Managed by the driver or not writable (no documented range). */
  readonly readOnly?: boolean;
  /** Notes. */
  readonly description?: string;
}

const onOff = { 0: "off", 1: "on" } as const;
/** A voltage stored in mV, given in V (`min`/`max` in V). */
const volts = (name: string, offset: number, min?: number, max?: number, description?: string, type: "u8" | "u16" = "u16"): PresetField => ({
  name,
  offset,
  type,
  unit: "V",
  scale: 0.001,
  ...(min !== undefined && max !== undefined ? { min, max } : { readOnly: true }),
  ...(description ? { description } : {}),
});
/** A duration stored in minutes, given in s (`min`/`max` in s). */
const minutes = (name: string, offset: number, type: "u8" | "u16", min?: number, max?: number, description?: string): PresetField => ({
  name,
  offset,
  type,
  unit: "s",
  scale: 60,
  ...(min !== undefined && max !== undefined ? { min, max } : { readOnly: true }),
  ...(description ? { description } : {}),
});
const centiAmp = (name: string, offset: number, min?: number, max?: number, cap?: PresetCap, description?: string): PresetField => ({
  name,
  offset,
  type: "u16",
  unit: "A",
  scale: 0.01,
  ...(min !== undefined ? { min } : {}),
  ...(max !== undefined ? { max } : {}),
  ...(cap ? { cap } : {}),
  ...(min === undefined ? { readOnly: true } : {}),
  ...(description ? { description } : {}),
});
const u16 = (name: string, offset: number, unit?: string, min?: number, max?: number, description?: string): PresetField => ({
  name,
  offset,
  type: "u16",
  ...(unit ? { unit } : {}),
  ...(min !== undefined && max !== undefined ? { min, max } : { readOnly: true }),
  ...(description ? { description } : {}),
});
const u8 = (name: string, offset: number, unit?: string, min?: number, max?: number, extra: Partial<PresetField> = {}): PresetField => ({
  name,
  offset,
  type: "u8",
  ...(unit ? { unit } : {}),
  ...(min !== undefined && max !== undefined ? { min, max } : extra.cap ? {} : { readOnly: true }),
  ...extra,
});
const choice8 = (name: string, offset: number, values: Readonly<Record<number, string>>): PresetField => ({ name, offset, type: "u8", values });
const choice16 = (name: string, offset: number, values: Readonly<Record<number, string>>): PresetField => ({ name, offset, type: "u16", values });
const deciC = (name: string, offset: number): PresetField => ({ name, offset, type: "u16", unit: "°C", scale: 0.1, min: 20, max: 80 });

/**
 * Every MEMORY field (docs/protocols/icharger.md#preset-memory-holding-0x8c00, PDF/J struct and DataExplorer), with units and the ranges of
 * J's `MemStruct.h`. A field exists in a preset when `offset + size ≤` the MEMORY length the charger
 * reports (167 bytes: PDF DUO; 173: newer DUO with LiHV; 192: X/S/DX with LiHV, LTO, user, power).
 * Fields without a documented range are read-only.
 */
export const PRESET_FIELDS: readonly PresetField[] = [
  { name: "useFlag", offset: 0, type: "u16", values: { 0xffff: "empty", 0x55aa: "used", 0x0000: "fixed" }, readOnly: true },
  { name: "name", offset: 2, type: "text", size: 38, description: "37 characters and a NUL" },
  { name: "capacity", offset: 40, type: "u32", unit: "Ah", scale: 0.001, min: 0, max: 999.9, step: 100, description: "stored in mAh, in steps of 100 mAh" },
  choice8("autoSave", 44, onOff),
  choice8("liBalEndMode", 45, { 0: "OFF-ON", 1: "ON-OFF", 2: "OR", 3: "AND" }),
  { name: "lockFlag", offset: 46, type: "u8", readOnly: true },
  { name: "lockPassword", offset: 47, type: "bytes", size: 6, readOnly: true },
  { name: "opEnable", offset: 53, type: "flags16", bits: { 0: "charge", 2: "storage", 3: "discharge", 4: "cycle", 5: "balance" } },
  choice8("channelMode", 55, { 0: "async", 1: "sync" }),
  choice8("saveToSd", 56, onOff),
  { name: "logInterval", offset: 57, type: "u16", unit: "s", scale: 0.1, min: 0.5, max: 60 },
  u16("runCounter", 59),
  { name: "type", offset: 61, type: "u8", values: "battery-type", description: "battery type in the model's numbering" },
  u8("liCell", 62, undefined, undefined, undefined, { cap: "cells", min: 0, description: "0 = auto" }),
  u8("niCell", 63, undefined, 0, 30, { description: "range assumed" }),
  u8("pbCell", 64, undefined, 0, 30, { description: "range assumed" }),
  choice8("liModeC", 65, { 0: "balance", 1: "no balance" }),
  { name: "liModeD", offset: 66, type: "flags8", bits: { 0: "extra discharge", 1: "discharge balance" } },
  choice8("niModeC", 67, { 0: "normal", 1: "reflex" }),
  u8("niModeD", 68),
  choice8("pbModeC", 69, { 0: "normal", 1: "reflex" }),
  u8("pbModeD", 70),
  choice8("balSpeed", 71, { 0: "slow", 1: "normal", 2: "fast", 3: "user" }),
  u8("balStartMode", 72, undefined, 0, 11, { description: "0 CV, 1–10 CV−0.1 V … CV−1.0 V, 11 always" }),
  volts("balStartVolt", 73),
  volts("balDiff", 75, 0.001, 0.01, undefined, "u8"),
  volts("balOverPoint", 76, 0, 0.01, undefined, "u8"),
  volts("balSetPoint", 77, 0.001, 0.05, undefined, "u8"),
  minutes("balDelay", 78, "u8", 0, 1200),
  choice8("keepChargeEnable", 79, onOff),
  volts("liPoChg", 80, 3.85, 4.35),
  volts("liIoChg", 82, 3.75, 4.35),
  volts("liFeChg", 84, 3.3, 3.8),
  volts("liPoSto", 86, 3.7, 3.9),
  volts("liIoSto", 88, 3.6, 3.8),
  volts("liFeSto", 90, 3.1, 3.4),
  volts("liPoDchg", 92, 3, 4.1),
  volts("liIoDchg", 94, 2.5, 4),
  volts("liFeDchg", 96, 2, 3.5),
  centiAmp("chargeCurrent", 98, 0.05, undefined, "chargeCurrent"),
  centiAmp("dischargeCurrent", 100, 0.05, undefined, "chargeCurrent", "capped at the charge-current limit (no discharge limit documented)"),
  u16("endCharge", 102, "%", 1, 50),
  u16("endDischarge", 104, "%", 1, 100),
  choice16("regDchgMode", 106, { 0: "off", 1: "input", 2: "channel", 3: "auto" }),
  volts("niPeak", 108, 0.001, 0.02),
  minutes("niPeakDelay", 110, "u16"),
  choice16("niTrickleEnable", 112, onOff),
  centiAmp("niTrickleCurrent", 114, 0.02, 1),
  minutes("niTrickleTime", 116, "u16"),
  choice16("niZeroEnable", 118, onOff),
  volts("niDischargeVolt", 120),
  volts("pbChgCellVolt", 122, 2, 2.6),
  volts("pbDchgCellVolt", 124, 1.5, 2.4),
  choice16("pbFloatEnable", 126, onOff),
  volts("pbFloatCellVolt", 128, 2.2, 2.4),
  volts("restoreVolt", 130, 0.5, 2.5),
  minutes("restoreTime", 132, "u16"),
  centiAmp("restoreCurrent", 134, 0.02, 0.5),
  u16("cycleCount", 136, undefined, 1, 99),
  minutes("cycleDelay", 138, "u16"),
  choice8("cycleMode", 140, { 0: "C>D", 1: "D>C", 2: "C>D>C", 3: "D>C>D", 4: "C>D>S", 5: "D>C>S" }),
  minutes("safetyTimeC", 141, "u16", 0, 599_940, "0 = off"),
  u16("safetyCapC", 143, "%", 50, 200),
  deciC("safetyTempC", 145),
  minutes("safetyTimeD", 147, "u16", 0, 599_940, "0 = off"),
  u16("safetyCapD", 149, "%", 50, 200),
  deciC("safetyTempD", 151),
  choice8("regChMode", 153, { 0: "resistor", 1: "battery" }),
  volts("regChVolt", 154),
  centiAmp("regChCurrent", 156),
  choice8("fastSto", 158, onOff),
  volts("stoCompensation", 159, 0, 0.2),
  volts("niZnChgCellVolt", 161, 1.2, 2),
  volts("niZnDchgCellVolt", 163, 0.9, 1.6),
  u8("niZnCell", 165, undefined, 0, 30, { description: "range assumed" }),
  volts("liHvChg", 166, 3.9, 4.45),
  volts("liHvSto", 168),
  volts("liHvDchg", 170),
  volts("ltoChg", 172, 2.4, 3.1),
  volts("ltoSto", 174, 2.2, 2.6),
  volts("ltoDchg", 176, 1.5, 2.9),
  volts("userChg", 178),
  volts("userSto", 180),
  volts("userDchg", 182),
  u8("userCell", 184),
  u16("digitPowerVolt", 185, undefined, undefined, undefined, "unit undocumented"),
  u16("digitPowerCurrent", 187, undefined, undefined, undefined, "unit undocumented"),
  { name: "digitPowerSet", offset: 189, type: "flags16", bits: { 0: "lock" } },
];

/** Bytes a field occupies. */
export function presetFieldSize(field: PresetField): number {
  switch (field.type) {
    case "u8":
    case "flags8":
      return 1;
    case "u16":
    case "flags16":
      return 2;
    case "u32":
      return 4;
    case "text":
    case "bytes":
      return field.size ?? 0;
  }
}

/** The fields a MEMORY image of `length` bytes holds. */
export function presetFieldsFor(length: number): readonly PresetField[] {
  return PRESET_FIELDS.filter((f) => f.offset + presetFieldSize(f) <= length);
}

/** Charge / storage / discharge voltage fields per lithium chemistry, for ordering checks and the IR limits. */
export const LITHIUM_VOLTAGE_FIELDS: Readonly<Record<string, { readonly charge: string; readonly storage: string; readonly discharge: string }>> = {
  LiPo: { charge: "liPoChg", storage: "liPoSto", discharge: "liPoDchg" },
  LiIo: { charge: "liIoChg", storage: "liIoSto", discharge: "liIoDchg" },
  LiFe: { charge: "liFeChg", storage: "liFeSto", discharge: "liFeDchg" },
  LiHV: { charge: "liHvChg", storage: "liHvSto", discharge: "liHvDchg" },
  LTO: { charge: "ltoChg", storage: "ltoSto", discharge: "ltoDchg" },
};
