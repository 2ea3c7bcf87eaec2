import { BattError } from "@batt/core";
import type { RegisterValue } from "./settings/convert.js";
import { snapshotFromRegisters, type SettingsSnapshot } from "./settings/snapshot.js";
import type { SettingValue } from "./settings/types.js";

/** One key of a JBDTools `.fig` file: a whole register, or one byte of it (`high` = byte0). */
export interface FigKey {
  /** Key as written in the file. */
  readonly key: string;
  /** Register address. */
  readonly address: number;
  /** Which byte of the register, for byte fields. */
  readonly part?: "high" | "low";
  /** Only in vendor-made files: read when present, not written by {@link exportFig}. */
  readonly vendorOnly?: boolean;
}

/** Keys of the `.fig` format (docs/protocols/jbd.md#jbdtools-fig-backup-format, bms-tools `persist.py`), in the order files list them. */
export const FIG_KEYS: readonly FigKey[] = [
  { key: "DesignCapacity", address: 0x10 },
  { key: "CycleCapacity", address: 0x11 },
  { key: "FullChargeVol", address: 0x12 },
  { key: "ChargeEndVol", address: 0x13 },
  { key: "DischargingRate", address: 0x14 },
  { key: "ManufactureDate", address: 0x15 },
  { key: "SerialNumber", address: 0x16 },
  { key: "CycleCount", address: 0x17 },
  { key: "ChgOverTemp", address: 0x18 },
  { key: "ChgOTRelease", address: 0x19 },
  { key: "ChgLowTemp", address: 0x1a },
  { key: "ChgUTRelease", address: 0x1b },
  { key: "DisOverTemp", address: 0x1c },
  { key: "DsgOTRelease", address: 0x1d },
  { key: "DisLowTemp", address: 0x1e },
  { key: "DsgUTRelease", address: 0x1f },
  { key: "PackOverVoltage", address: 0x20 },
  { key: "PackOVRelease", address: 0x21 },
  { key: "PackUnderVoltage", address: 0x22 },
  { key: "PackUVRelease", address: 0x23 },
  { key: "CellOverVoltage", address: 0x24 },
  { key: "CellOVRelease", address: 0x25 },
  { key: "CellUnderVoltage", address: 0x26 },
  { key: "CellUVRelease", address: 0x27 },
  { key: "OverChargeCurrent", address: 0x28 },
  { key: "OverDisCurrent", address: 0x29 },
  { key: "BalanceStartVoltage", address: 0x2a },
  { key: "BalanceWindow", address: 0x2b },
  { key: "SenseResistor", address: 0x2c },
  { key: "BatteryConfig", address: 0x2d },
  { key: "NtcConfig", address: 0x2e },
  { key: "PackNum", address: 0x2f },
  { key: "fet_ctrl_time_set", address: 0x30 },
  { key: "led_disp_time_set", address: 0x31 },
  { key: "VoltageCap80", address: 0x32 },
  { key: "VoltageCap60", address: 0x33 },
  { key: "VoltageCap40", address: 0x34 },
  { key: "VoltageCap20", address: 0x35 },
  { key: "HardCellOverVoltage", address: 0x36 },
  { key: "HardCellUnderVoltage", address: 0x37 },
  { key: "HardChgOverCurrent", address: 0x38, part: "high" },
  { key: "HardDsgOverCurrent", address: 0x38, part: "low" },
  { key: "HardTime", address: 0x39, part: "high" },
  { key: "SCReleaseTime", address: 0x39, part: "low" },
  { key: "ChgUTDelay", address: 0x3a, part: "high" },
  { key: "ChgOTDelay", address: 0x3a, part: "low" },
  { key: "DsgUTDelay", address: 0x3b, part: "high" },
  { key: "DsgOTDelay", address: 0x3b, part: "low" },
  { key: "PackUVDelay", address: 0x3c, part: "high" },
  { key: "PackOVDelay", address: 0x3c, part: "low" },
  { key: "CellUVDelay", address: 0x3d, part: "high" },
  { key: "CellOVDelay", address: 0x3d, part: "low" },
  { key: "ChgOCDelay", address: 0x3e, part: "high" },
  { key: "ChgOCRDelay", address: 0x3e, part: "low" },
  { key: "DsgOCDelay", address: 0x3f, part: "high" },
  { key: "DsgOCRDelay", address: 0x3f, part: "low" },
  { key: "GPS_VOL", address: 0x40, vendorOnly: true },
  { key: "GPS_TIME", address: 0x41, vendorOnly: true },
  { key: "ManufacturerName", address: 0xa0 },
  { key: "DeviceName", address: 0xa1 },
  { key: "BarCode", address: 0xa2 },
];

const STRING_ADDRESSES = new Set([0xa0, 0xa1, 0xa2]);
/** bms-tools layout: `FileCode` and text values start after the key padded to 23 characters; numbers 8 spaces after the key. */
const KEY_WIDTH = 23;
const NUMBER_GAP = " ".repeat(8);

/** Line endings: `bms-tools` writes `\r\r\n`, the vendor tool CR LF CR LF. */
export type FigLineEnding = "bms-tools" | "vendor";

/** Options for {@link exportFig}. */
export interface FigExportOptions {
  /** Line ending style (default `bms-tools`). */
  readonly lineEnding?: FigLineEnding;
}

function line(key: string, value: string | number): string {
  return typeof value === "number" ? `  ${key}${NUMBER_GAP}${value}` : `  ${key.padEnd(KEY_WIDTH)}${value}`;
}

function rawPart(key: FigKey, register: number): number {
  if (key.part === "high") return register >> 8;
  if (key.part === "low") return register & 0xff;
  return register;
}

/**
 * Writes register contents as a JBDTools `.fig` parameter file: first line `FileCode 3838`, then
 * one `␣␣Key␣…␣value` line per key with raw register integers (signed currents as u16, byte fields
 * as 0–255) and strings as text.
 *
 * @throws BattError `invalid-argument` when a register of the standard key set is missing.
 */
export function exportFig(registers: Readonly<Record<number, RegisterValue>>, options: FigExportOptions = {}): string {
  const eol = options.lineEnding === "vendor" ? "\r\n\r\n" : "\r\r\n";
  const lines = [line("FileCode", "3838")];
  for (const key of FIG_KEYS) {
    const value = registers[key.address];
    if (value === undefined) {
      if (key.vendorOnly) continue;
      throw new BattError("invalid-argument", `.fig export needs register 0x${key.address.toString(16)} (${key.key})`);
    }
    lines.push(line(key.key, typeof value === "string" ? value : rawPart(key, value)));
  }
  return lines.map((l) => l + eol).join("");
}

/** What {@link importFig} found. */
export interface FigImport {
  /** Register contents assembled from the file. */
  readonly registers: Map<number, RegisterValue>;
  /** Settings decoded from those registers, in user units. */
  readonly settings: Record<string, SettingValue>;
  /** Keys the format does not know (ignored). */
  readonly unknownKeys: readonly string[];
  /** Registers of which the file holds only one byte (not imported). */
  readonly incomplete: readonly number[];
}

function parseInteger(key: string, text: string, max: number): number {
  if (!/^-?\d+$/.test(text)) throw new BattError("invalid-argument", `.fig key ${key}: "${text}" is not an integer`);
  const n = Number(text);
  // Signed currents are stored as u16; accept a negative number as well, but only in the signed range
  // (−65536 would otherwise wrap to 0).
  const min = -(max + 1) / 2;
  if (n < min || n > max) throw new BattError("invalid-argument", `.fig key ${key}: ${text} out of range ${min}..${max}`);
  return n < 0 ? n + max + 1 : n;
}

/**
 * Reads a JBDTools `.fig` file (any line endings). Unknown keys are ignored and listed; a byte
 * field whose partner byte is missing leaves its register out (listed in `incomplete`).
 *
 * @throws BattError `invalid-argument` when the file is not a `.fig` file or a value is not an integer.
 */
export function importFig(text: string): FigImport {
  const lines = text.split(/[\r\n]+/).map((l) => l.trim()).filter((l) => l !== "");
  if (!/^FileCode\s/.test(lines[0] ?? "")) throw new BattError("invalid-argument", ".fig file must start with FileCode");
  const byKey = new Map(FIG_KEYS.map((k) => [k.key, k]));
  const words = new Map<number, number>();
  const halves = new Map<number, { high?: number; low?: number }>();
  const strings = new Map<number, string>();
  const unknownKeys: string[] = [];
  for (const l of lines.slice(1)) {
    const space = l.search(/\s/);
    const name = space < 0 ? l : l.slice(0, space);
    const value = space < 0 ? "" : l.slice(space).trim();
    const key = byKey.get(name);
    if (!key) {
      unknownKeys.push(name);
      continue;
    }
    if (STRING_ADDRESSES.has(key.address)) strings.set(key.address, value);
    else if (key.part) halves.set(key.address, { ...halves.get(key.address), [key.part]: parseInteger(name, value, 0xff) });
    else words.set(key.address, parseInteger(name, value, 0xffff));
  }
  const registers = new Map<number, RegisterValue>();
  const incomplete: number[] = [];
  for (const key of FIG_KEYS) {
    if (registers.has(key.address)) continue;
    const word = words.get(key.address);
    const half = halves.get(key.address);
    const text = strings.get(key.address);
    if (word !== undefined) registers.set(key.address, word);
    else if (text !== undefined) registers.set(key.address, text);
    else if (half?.high !== undefined && half.low !== undefined) registers.set(key.address, (half.high << 8) | half.low);
    else if (half && !incomplete.includes(key.address)) incomplete.push(key.address);
  }
  const snapshot: SettingsSnapshot = snapshotFromRegisters(registers);
  return { registers, settings: { ...snapshot.values }, unknownKeys, incomplete };
}
