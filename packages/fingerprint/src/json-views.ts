import { round } from "./format-numbers.js";
import type { Fingerprint } from "./fingerprint.js";
import { largestDeviation } from "./history-table.js";
import type { MatchCandidate, MatchResult } from "./match.js";
import { latestEntry, type PackRecord } from "./pack-record.js";

/** A measurement as shown in JSON output (rounded for reading). */
export interface MeasurementJson {
  /** ISO 8601 time. */
  readonly measuredAt: string;
  /** Sum of cell IRs, mΩ. */
  readonly packIrMilliohm: number;
  /** Per-cell IR, mΩ. */
  readonly cellIrMilliohm: number[];
  /** Per-cell IR over the mean. */
  readonly irRatios: number[];
  /** Per-cell OCV minus the mean, mV, when known. */
  readonly ocvPatternMillivolts?: number[];
  /** Relative resolution noise of the IR values. */
  readonly irRelativeNoise: number;
}

/** JSON output of an enrolment. */
export interface EnrollJson {
  /** Discriminant. */
  readonly action: "enroll";
  /** The new pack's id. */
  readonly id: string;
  /** Its name, when given. */
  readonly name?: string;
  /** Cells in series. */
  readonly cellCount: number;
  /** Chemistry when known. */
  readonly chemistry?: string;
  /** The enrolment measurement. */
  readonly measurement: MeasurementJson;
}

/** A candidate in JSON output. */
export interface CandidateJson {
  /** Pack id. */
  readonly id: string;
  /** Pack name, when it has one. */
  readonly name?: string;
  /** Posterior probability. */
  readonly confidence: number;
  /** Chi-square p-value of the distance. */
  readonly pValue: number;
  /** Noise-normalised squared distance. */
  readonly distance: number;
  /** Its degrees of freedom. */
  readonly dof: number;
  /** Whether the OCV pattern was compared. */
  readonly ocvCompared: boolean;
  /** Change of the mean cell IR since the pack's last measurement, %. */
  readonly packIrChangePercent: number;
}

/** JSON output of an identification. */
export interface IdentifyJson {
  /** Discriminant. */
  readonly action: "identify";
  /** `match`, `ambiguous` or `unknown`. */
  readonly status: MatchResult["status"];
  /** The matched (or most likely) pack id. */
  readonly packId?: string;
  /** Its confidence. */
  readonly confidence?: number;
  /** Posterior probability that the pack is not in the library. */
  readonly unknownConfidence: number;
  /** Whether the measurement was added to the pack's history. */
  readonly recorded: boolean;
  /** Ranked candidates. */
  readonly candidates: CandidateJson[];
  /** Packs left out before scoring, by reason. */
  readonly excluded: MatchResult["excluded"];
  /** The measurement. */
  readonly measurement: MeasurementJson;
}

/** One pack in JSON list output. */
export interface ListEntryJson {
  /** Pack id. */
  readonly id: string;
  /** Name when given. */
  readonly name?: string;
  /** Cells in series. */
  readonly cellCount: number;
  /** Chemistry when known. */
  readonly chemistry?: string;
  /** Number of measurements. */
  readonly measurements: number;
  /** First measurement, ISO 8601. */
  readonly firstSeen: string;
  /** Last measurement, ISO 8601. */
  readonly lastSeen: string;
  /** Latest pack IR, mΩ. */
  readonly packIrMilliohm: number;
  /** Change of the pack IR from the first to the latest measurement, %. */
  readonly irChangePercent: number;
  /** Latest largest cell deviation from the mean, %. */
  readonly maxCellDeviationPercent: number;
}

/** JSON output of a pack's history. */
export interface HistoryJson {
  /** Discriminant. */
  readonly action: "history";
  /** Pack id. */
  readonly id: string;
  /** Name when given. */
  readonly name?: string;
  /** Cells in series. */
  readonly cellCount: number;
  /** Chemistry when known. */
  readonly chemistry?: string;
  /** Measurements, oldest first. */
  readonly entries: (MeasurementJson & { readonly via: string; readonly confidence?: number })[];
}

/** A fingerprint as {@link MeasurementJson}. */
export function measurementJson(fingerprint: Fingerprint): MeasurementJson {
  return {
    measuredAt: fingerprint.measuredAt,
    packIrMilliohm: round(fingerprint.packIrMilliohm, 3),
    cellIrMilliohm: fingerprint.cellIrMilliohm.map((v) => round(v, 3)),
    irRatios: fingerprint.irRatios.map((v) => round(v, 4)),
    ...(fingerprint.ocvPatternMillivolts === undefined ? {} : { ocvPatternMillivolts: fingerprint.ocvPatternMillivolts.map((v) => round(v, 2)) }),
    irRelativeNoise: round(fingerprint.quality.irRelativeNoise, 5),
  };
}

const named = (name: string | undefined): { name?: string } => (name === undefined ? {} : { name });

/** JSON output for a new pack. */
export function enrollJson(record: PackRecord): EnrollJson {
  return {
    action: "enroll",
    id: record.id,
    ...named(record.name),
    cellCount: record.cellCount,
    ...(record.chemistry === undefined ? {} : { chemistry: record.chemistry }),
    measurement: measurementJson(latestEntry(record)),
  };
}

function candidateJson(candidate: MatchCandidate): CandidateJson {
  return {
    id: candidate.id,
    ...named(candidate.name),
    confidence: round(candidate.confidence, 6),
    pValue: round(candidate.pValue, 6),
    distance: round(candidate.distance, 3),
    dof: candidate.dof,
    ocvCompared: candidate.ocvDistance !== undefined,
    packIrChangePercent: round(candidate.packIrChange * 100, 1),
  };
}

/**
 * JSON output for an identification.
 *
 * @param recorded Whether the measurement was added to the matched pack's history.
 */
export function identifyJson(result: MatchResult, fingerprint: Fingerprint, recorded: boolean): IdentifyJson {
  return {
    action: "identify",
    status: result.status,
    ...(result.best === undefined ? {} : { packId: result.best.id, confidence: round(result.best.confidence, 6) }),
    unknownConfidence: round(result.unknownConfidence, 6),
    recorded,
    candidates: result.candidates.map(candidateJson),
    excluded: result.excluded,
    measurement: measurementJson(fingerprint),
  };
}

/** JSON output listing packs. */
export function listJson(records: readonly PackRecord[]): ListEntryJson[] {
  return records.map((record) => {
    const first = record.history[0]!;
    const last = latestEntry(record);
    return {
      id: record.id,
      ...named(record.name),
      cellCount: record.cellCount,
      ...(record.chemistry === undefined ? {} : { chemistry: record.chemistry }),
      measurements: record.history.length,
      firstSeen: first.measuredAt,
      lastSeen: last.measuredAt,
      packIrMilliohm: round(last.packIrMilliohm, 3),
      irChangePercent: round((last.packIrMilliohm / first.packIrMilliohm - 1) * 100, 1),
      maxCellDeviationPercent: round(largestDeviation(last.irRatios) * 100, 1),
    };
  });
}

/** JSON output of a pack's history. */
export function historyJson(record: PackRecord): HistoryJson {
  return {
    action: "history",
    id: record.id,
    ...named(record.name),
    cellCount: record.cellCount,
    ...(record.chemistry === undefined ? {} : { chemistry: record.chemistry }),
    entries: record.history.map((entry) => ({
      ...measurementJson(entry),
      via: entry.via,
      ...(entry.confidence === undefined ? {} : { confidence: round(entry.confidence, 6) }),
    })),
  };
}
