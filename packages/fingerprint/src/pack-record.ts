import { invalid } from "./checks.js";
import type { Fingerprint } from "./fingerprint.js";

/** One measurement in a pack's history. */
export interface HistoryEntry extends Fingerprint {
  /** How the measurement was attributed to the pack: at enrolment, by identification, or by hand. */
  readonly via: "enroll" | "identify" | "manual";
  /** Posterior probability of the identification (`via: "identify"` only). */
  readonly confidence?: number;
}

/** A known pack: its identity and every measurement attributed to it, oldest first. JSON-ready. */
export interface PackRecord {
  /** Unique id within a library. */
  readonly id: string;
  /** A human name ("Tattu 1300 #3"). */
  readonly name?: string;
  /** Cells in series. */
  readonly cellCount: number;
  /** Chemistry when known. */
  readonly chemistry?: string;
  /** When the pack was enrolled, ISO 8601. */
  readonly createdAt: string;
  /** Measurements, oldest first; never empty. */
  readonly history: readonly HistoryEntry[];
}

/** Whether two chemistries can belong to the same pack (unknown is compatible with anything; case is ignored). */
export function chemistryCompatible(a: string | undefined, b: string | undefined): boolean {
  return a === undefined || b === undefined || a.toLowerCase() === b.toLowerCase();
}

/**
 * Checks an id: a non-empty string of at most 100 characters without control characters.
 *
 * @throws BattError `invalid-argument` when it is not.
 */
export function checkPackId(id: string): string {
  // eslint-disable-next-line no-control-regex
  if (typeof id !== "string" || id.trim() === "" || id.length > 100 || /[\u0000-\u001f]/.test(id)) invalid(`invalid pack id ${JSON.stringify(id)}`);
  return id;
}

/**
 * Starts a record from its first measurement.
 *
 * @throws BattError `invalid-argument` on an invalid id.
 */
export function createPackRecord(id: string, fingerprint: Fingerprint, details: { readonly name?: string } = {}): PackRecord {
  return {
    id: checkPackId(id),
    ...(details.name === undefined ? {} : { name: details.name }),
    cellCount: fingerprint.cellCount,
    ...(fingerprint.chemistry === undefined ? {} : { chemistry: fingerprint.chemistry }),
    createdAt: fingerprint.measuredAt,
    history: [{ ...fingerprint, via: "enroll" }],
  };
}

/**
 * A copy of `record` with one more measurement, kept in time order (the record is not changed). A pack of
 * unknown chemistry takes the measurement's.
 *
 * @throws BattError `invalid-argument` when the cell count or a known chemistry differs.
 */
export function addMeasurement(record: PackRecord, fingerprint: Fingerprint, via: HistoryEntry["via"], confidence?: number): PackRecord {
  if (fingerprint.cellCount !== record.cellCount) {
    invalid(`pack ${record.id} has ${record.cellCount} cells, the measurement ${fingerprint.cellCount}`);
  }
  if (!chemistryCompatible(record.chemistry, fingerprint.chemistry)) {
    invalid(`pack ${record.id} is ${record.chemistry ?? "?"}, the measurement ${fingerprint.chemistry ?? "?"}`);
  }
  const entry: HistoryEntry = { ...fingerprint, via, ...(confidence === undefined ? {} : { confidence }) };
  const history = [...record.history, entry].sort((a, b) => Date.parse(a.measuredAt) - Date.parse(b.measuredAt));
  const chemistry = record.chemistry ?? fingerprint.chemistry;
  return { ...record, ...(chemistry === undefined ? {} : { chemistry }), history };
}

/** The most recent measurement of a record. */
export function latestEntry(record: PackRecord): HistoryEntry {
  const last = record.history[record.history.length - 1];
  if (last === undefined) invalid(`pack ${record.id} has no measurements`);
  return last;
}
