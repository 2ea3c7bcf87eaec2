import { invalid } from "./checks.js";
import type { FingerprintQuality } from "./fingerprint.js";
import type { HistoryEntry, PackRecord } from "./pack-record.js";

/** The `format` tag of a library file. */
export const LIBRARY_FORMAT = "batt-fingerprint-library";
/** The library file version this code writes and reads. */
export const LIBRARY_VERSION = 1;

/** The JSON document a library is stored as. */
export interface LibraryDocument {
  /** Always {@link LIBRARY_FORMAT}. */
  readonly format: typeof LIBRARY_FORMAT;
  /** Always {@link LIBRARY_VERSION}. */
  readonly version: typeof LIBRARY_VERSION;
  /** The packs. */
  readonly packs: readonly PackRecord[];
}

/** Serialises records as a library document (pretty-printed, so the file diffs well). */
export function serializeLibrary(records: readonly PackRecord[]): string {
  const document: LibraryDocument = { format: LIBRARY_FORMAT, version: LIBRARY_VERSION, packs: records };
  return `${JSON.stringify(document, null, 2)}\n`;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
const isNumber = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value);
const isTime = (value: unknown): value is string => typeof value === "string" && Number.isFinite(Date.parse(value));
const isNumbers = (value: unknown, length: number): value is number[] =>
  Array.isArray(value) && value.length === length && value.every(isNumber);

function checkEntry(value: unknown, cells: number, where: string): HistoryEntry {
  if (!isObject(value)) invalid(`${where}: not an object`);
  const quality = value.quality;
  const ok =
    value.cellCount === cells &&
    isTime(value.measuredAt) &&
    isNumbers(value.cellIrMilliohm, cells) &&
    value.cellIrMilliohm.every((v) => v > 0) &&
    isNumber(value.packIrMilliohm) &&
    isNumber(value.meanCellIrMilliohm) &&
    value.meanCellIrMilliohm > 0 &&
    isNumbers(value.irRatios, cells) &&
    (value.ocvMillivolts === undefined || isNumbers(value.ocvMillivolts, cells)) &&
    (value.ocvPatternMillivolts === undefined || isNumbers(value.ocvPatternMillivolts, cells)) &&
    (value.ocvMillivolts === undefined) === (value.ocvPatternMillivolts === undefined) &&
    (value.chemistry === undefined || typeof value.chemistry === "string") &&
    (value.via === "enroll" || value.via === "identify" || value.via === "manual") &&
    (value.confidence === undefined || isNumber(value.confidence)) &&
    isObject(quality) &&
    (quality.source === "pulse" || quality.source === "cell-ir") &&
    isNumber(quality.irRelativeNoise) &&
    isNumber(quality.worstCellRelativeNoise) &&
    (quality.ocvResolutionMillivolts === undefined || isNumber(quality.ocvResolutionMillivolts));
  if (!ok) invalid(`${where}: not a valid measurement`);
  return value as unknown as HistoryEntry & { quality: FingerprintQuality };
}

function checkRecord(value: unknown, index: number): PackRecord {
  const where = `packs[${index}]`;
  if (!isObject(value)) invalid(`${where}: not an object`);
  const cells = value.cellCount;
  const ok =
    typeof value.id === "string" &&
    value.id !== "" &&
    (value.name === undefined || typeof value.name === "string") &&
    typeof cells === "number" &&
    Number.isInteger(cells) &&
    cells >= 2 &&
    (value.chemistry === undefined || typeof value.chemistry === "string") &&
    isTime(value.createdAt) &&
    Array.isArray(value.history) &&
    value.history.length > 0;
  if (!ok) invalid(`${where}: not a valid pack record`);
  (value.history as unknown[]).forEach((entry, j) => checkEntry(entry, cells as number, `${where}.history[${j}]`));
  return value as unknown as PackRecord;
}

/**
 * Parses and checks a library document.
 *
 * @throws BattError `invalid-argument` when the text is not JSON, not a library document of a known version, or
 *   holds a malformed record or duplicate ids (the message names the first bad place).
 */
export function parseLibrary(text: string): PackRecord[] {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (cause) {
    invalid(`not a fingerprint library: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
  if (!isObject(document) || document.format !== LIBRARY_FORMAT) invalid("not a fingerprint library (format tag missing)");
  if (document.version !== LIBRARY_VERSION) invalid(`unsupported fingerprint library version ${String(document.version)}`);
  if (!Array.isArray(document.packs)) invalid("fingerprint library without a packs list");
  const records = document.packs.map(checkRecord);
  const ids = new Set<string>();
  for (const record of records) {
    if (ids.has(record.id)) invalid(`duplicate pack id ${JSON.stringify(record.id)}`);
    ids.add(record.id);
  }
  return records;
}
