import { readFileSync } from "node:fs";
import type { FingerprintInput } from "@batt/fingerprint";
import { UsageError } from "../exit-codes.js";
import { chemistryName, parseTime } from "./fingerprint-units.js";

/** A measurement read from the command line, a file or a charger, before it becomes a fingerprint. */
export interface MeasurementInput {
  /** The readings. */
  readonly input: FingerprintInput;
  /** Chemistry, as the library names it ("LiPo"), when known. */
  readonly chemistry?: string;
  /** When it was measured (ISO 8601), when known. */
  readonly measuredAt?: string;
}

/**
 * The keys of a measurement file. A load pulse gives cell voltages at rest and under load and the load
 * current; ready per-cell IRs give `cellIrMilliohm` (and optionally the rest voltages). Each quantity may be
 * written in either unit, never both. The fingerprint package's `PulseReadings` and `CellIrReadings`
 * objects, written as JSON, are valid files.
 */
export const MEASUREMENT_FILE_KEYS = [
  "kind",
  "ocvVolts",
  "ocvMillivolts",
  "loadedVolts",
  "loadedMillivolts",
  "currentAmps",
  "currentMilliamps",
  "cellIrMilliohm",
  "chemistry",
  "measuredAt",
  "voltageResolutionMillivolts",
  "currentResolutionMilliamps",
  "resolutionMilliohm",
] as const;

/** The file format in one paragraph, for `--help`. */
export const MEASUREMENT_FILE_HELP =
  'A measurement file (--file) is a JSON object. A load pulse: "ocvVolts" (or "ocvMillivolts"), "loadedVolts" (or "loadedMillivolts"), ' +
  '"currentAmps" (or "currentMilliamps", positive while discharging). Ready per-cell IRs: "cellIrMilliohm", optionally with "ocvVolts" or ' +
  '"ocvMillivolts". Optional: "chemistry" (as --chemistry), "measuredAt" (ISO 8601), "voltageResolutionMillivolts" (default 1), ' +
  '"currentResolutionMilliamps" (default 10), "resolutionMilliohm" (default 0.1). Example: ' +
  '{"ocvVolts": [3.815, 3.815, 3.815, 3.811], "loadedVolts": [3.685, 3.688, 3.684, 3.663], "currentAmps": 4.44, "chemistry": "lipo"}.';

type Json = Record<string, unknown>;

/** A cell voltage list in mV from `<name>Volts` or `<name>Millivolts`, checked for the unit people confuse. */
function voltages(doc: Json, name: "ocv" | "loaded", where: string): number[] | undefined {
  const volts = numbers(doc, `${name}Volts`, where);
  const millivolts = numbers(doc, `${name}Millivolts`, where);
  if (volts !== undefined && millivolts !== undefined) throw new UsageError(`${where}: give "${name}Volts" or "${name}Millivolts", not both`);
  if (volts !== undefined) {
    if (volts.some((v) => Math.abs(v) > 10)) throw new UsageError(`${where}: "${name}Volts" holds ${volts.find((v) => Math.abs(v) > 10)}, not a cell voltage in V; use "${name}Millivolts" for mV`);
    return volts.map((v) => Math.round(v * 1e9) / 1e6);
  }
  if (millivolts !== undefined && millivolts.every((v) => Math.abs(v) < 10)) {
    throw new UsageError(`${where}: "${name}Millivolts" holds values below 10 mV; use "${name}Volts" for V`);
  }
  return millivolts;
}

function numbers(doc: Json, key: string, where: string): number[] | undefined {
  const value = doc[key];
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length === 0 || !value.every((v) => typeof v === "number" && Number.isFinite(v))) {
    throw new UsageError(`${where}: "${key}" must be a non-empty array of numbers`);
  }
  return value as number[];
}

function number(doc: Json, key: string, where: string): number | undefined {
  const value = doc[key];
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isFinite(value)) throw new UsageError(`${where}: "${key}" must be a number`);
  return value;
}

/**
 * Reads a measurement from a JSON document (the format of {@link MEASUREMENT_FILE_HELP}).
 *
 * @param where Names the document in messages (the file's path).
 * @throws UsageError for unknown keys, missing or conflicting quantities, or values of the wrong type.
 */
export function parseMeasurement(doc: unknown, where: string): MeasurementInput {
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) throw new UsageError(`${where}: expected a JSON object`);
  const json = doc as Json;
  const unknown = Object.keys(json).filter((k) => !(MEASUREMENT_FILE_KEYS as readonly string[]).includes(k));
  if (unknown.length > 0) throw new UsageError(`${where}: unknown key${unknown.length > 1 ? "s" : ""} ${unknown.map((k) => `"${k}"`).join(", ")} (known: ${MEASUREMENT_FILE_KEYS.join(", ")})`);
  const kind = json["kind"];
  if (kind !== undefined && kind !== "pulse" && kind !== "cell-ir") throw new UsageError(`${where}: "kind" must be "pulse" or "cell-ir"`);

  const ocv = voltages(json, "ocv", where);
  const loaded = voltages(json, "loaded", where);
  const amps = number(json, "currentAmps", where);
  const milliamps = number(json, "currentMilliamps", where);
  if (amps !== undefined && milliamps !== undefined) throw new UsageError(`${where}: give "currentAmps" or "currentMilliamps", not both`);
  const current = amps !== undefined ? Math.round(amps * 1e9) / 1e6 : milliamps;
  const cellIr = numbers(json, "cellIrMilliohm", where);
  const voltageStep = number(json, "voltageResolutionMillivolts", where);
  const currentStep = number(json, "currentResolutionMilliamps", where);
  const irStep = number(json, "resolutionMilliohm", where);
  const chemistryText = json["chemistry"];
  if (chemistryText !== undefined && typeof chemistryText !== "string") throw new UsageError(`${where}: "chemistry" must be a string`);
  const measuredAtText = json["measuredAt"];
  if (measuredAtText !== undefined && typeof measuredAtText !== "string") throw new UsageError(`${where}: "measuredAt" must be a string (ISO 8601)`);
  const details = {
    ...(chemistryText === undefined ? {} : { chemistry: chemistryName(chemistryText, `${where}: "chemistry"`) }),
    ...(measuredAtText === undefined ? {} : { measuredAt: parseTime(measuredAtText, `${where}: "measuredAt"`) }),
  };

  const pulse = loaded !== undefined || current !== undefined || kind === "pulse";
  if (pulse && cellIr !== undefined) throw new UsageError(`${where}: give a load pulse (loaded voltages and current) or "cellIrMilliohm", not both`);
  if (pulse) {
    const missing = [ocv === undefined ? '"ocvVolts"' : "", loaded === undefined ? '"loadedVolts"' : "", current === undefined ? '"currentAmps"' : ""].filter(Boolean);
    if (missing.length > 0) throw new UsageError(`${where}: a load pulse also needs ${missing.join(" and ")} (or the Millivolts/Milliamps forms)`);
    if (irStep !== undefined) throw new UsageError(`${where}: "resolutionMilliohm" is for "cellIrMilliohm"`);
    return {
      input: {
        kind: "pulse",
        ocvMillivolts: ocv!,
        loadedMillivolts: loaded!,
        currentMilliamps: current!,
        ...(voltageStep === undefined ? {} : { voltageResolutionMillivolts: voltageStep }),
        ...(currentStep === undefined ? {} : { currentResolutionMilliamps: currentStep }),
      },
      ...details,
    };
  }
  if (cellIr === undefined) throw new UsageError(`${where}: no measurement: give "ocvVolts", "loadedVolts" and "currentAmps", or "cellIrMilliohm"`);
  if (currentStep !== undefined) throw new UsageError(`${where}: "currentResolutionMilliamps" is for a load pulse`);
  return {
    input: {
      kind: "cell-ir",
      cellIrMilliohm: cellIr,
      ...(ocv === undefined ? {} : { ocvMillivolts: ocv }),
      ...(irStep === undefined ? {} : { resolutionMilliohm: irStep }),
      ...(voltageStep === undefined ? {} : { voltageResolutionMillivolts: voltageStep }),
    },
    ...details,
  };
}

/**
 * Reads and parses a measurement file.
 *
 * @throws UsageError when it cannot be read, is not JSON, or is not a measurement.
 */
export function readMeasurementFile(path: string): MeasurementInput {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new UsageError(`--file: cannot read ${path}: ${(error as Error).message}`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${path}: not valid JSON: ${(error as Error).message}`);
  }
  return parseMeasurement(doc, path);
}
