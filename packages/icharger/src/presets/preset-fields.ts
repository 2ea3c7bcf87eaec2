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
const mv = (name: string, offset: number, min?: number, max?: number, description?: string): PresetField => ({
  name,
  offset,
  type: "u16",
  unit: "mV",
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
  { name: "capacity", offset: 40, type: "u32", unit: "mAh", min: 0, max: 999900, step: 100 },
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
  mv("balStartVolt", 73),
  u8("balDiff", 75, "mV", 1, 10),
  u8("balOverPoint", 76, "mV", 0, 10),
  u8("balSetPoint", 77, "mV", 1, 50),
  u8("balDelay", 78, "min", 0, 20),
  choice8("keepChargeEnable", 79, onOff),
  mv("liPoChg", 80, 3850, 4350),
  mv("liIoChg", 82, 3750, 4350),
  mv("liFeChg", 84, 3300, 3800),
  mv("liPoSto", 86, 3700, 3900),
  mv("liIoSto", 88, 3600, 3800),
  mv("liFeSto", 90, 3100, 3400),
  mv("liPoDchg", 92, 3000, 4100),
  mv("liIoDchg", 94, 2500, 4000),
  mv("liFeDchg", 96, 2000, 3500),
  centiAmp("chargeCurrent", 98, 0.05, undefined, "chargeCurrent"),
  centiAmp("dischargeCurrent", 100, 0.05, undefined, "chargeCurrent", "capped at the charge-current limit (no discharge limit documented)"),
  u16("endCharge", 102, "%", 1, 50),
  u16("endDischarge", 104, "%", 1, 100),
  choice16("regDchgMode", 106, { 0: "off", 1: "input", 2: "channel", 3: "auto" }),
  u16("niPeak", 108, "mV", 1, 20),
  u16("niPeakDelay", 110, "min"),
  choice16("niTrickleEnable", 112, onOff),
  centiAmp("niTrickleCurrent", 114, 0.02, 1),
  u16("niTrickleTime", 116, "min"),
  choice16("niZeroEnable", 118, onOff),
  mv("niDischargeVolt", 120),
  mv("pbChgCellVolt", 122, 2000, 2600),
  mv("pbDchgCellVolt", 124, 1500, 2400),
  choice16("pbFloatEnable", 126, onOff),
  mv("pbFloatCellVolt", 128, 2200, 2400),
  mv("restoreVolt", 130, 500, 2500),
  u16("restoreTime", 132, "min"),
  centiAmp("restoreCurrent", 134, 0.02, 0.5),
  u16("cycleCount", 136, undefined, 1, 99),
  u16("cycleDelay", 138, "min"),
  choice8("cycleMode", 140, { 0: "C>D", 1: "D>C", 2: "C>D>C", 3: "D>C>D", 4: "C>D>S", 5: "D>C>S" }),
  u16("safetyTimeC", 141, "min", 0, 9999, "0 = off"),
  u16("safetyCapC", 143, "%", 50, 200),
  deciC("safetyTempC", 145),
  u16("safetyTimeD", 147, "min", 0, 9999, "0 = off"),
  u16("safetyCapD", 149, "%", 50, 200),
  deciC("safetyTempD", 151),
  choice8("regChMode", 153, { 0: "resistor", 1: "battery" }),
  mv("regChVolt", 154),
  centiAmp("regChCurrent", 156),
  choice8("fastSto", 158, onOff),
  u16("stoCompensation", 159, "mV", 0, 200),
  mv("niZnChgCellVolt", 161, 1200, 2000),
  mv("niZnDchgCellVolt", 163, 900, 1600),
  u8("niZnCell", 165, undefined, 0, 30, { description: "range assumed" }),
  mv("liHvChg", 166, 3900, 4450),
  mv("liHvSto", 168),
  mv("liHvDchg", 170),
  mv("ltoChg", 172, 2400, 3100),
  mv("ltoSto", 174, 2200, 2600),
  mv("ltoDchg", 176, 1500, 2900),
  mv("userChg", 178),
  mv("userSto", 180),
  mv("userDchg", 182),
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
