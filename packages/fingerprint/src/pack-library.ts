import { BattError, ErrorCode } from "@batt/core";
import { invalid } from "./checks.js";
import type { Fingerprint } from "./fingerprint.js";
import type { MatchOptions } from "./match-options.js";
import { matchFingerprint, type MatchResult } from "./match.js";
import { addMeasurement, checkPackId, createPackRecord, type PackRecord } from "./pack-record.js";
import type { FingerprintStore } from "./store.js";

/** Options for {@link PackLibrary.enroll}. */
export interface EnrollOptions {
  /** The pack's id (default: the first free `pack-N`). */
  readonly id?: string;
  /** A human name. */
  readonly name?: string;
  /** Enrol even when the measurement matches a pack already in the library (default false). */
  readonly force?: boolean;
}

/** Options for {@link PackLibrary.identify}. */
export interface IdentifyOptions {
  /** Add the measurement to the matched pack's history (default true); nothing is written unless the status is `match`. */
  readonly update?: boolean;
}

/** What {@link PackLibrary.identify} found and did. */
export interface IdentifyOutcome {
  /** The match result. */
  readonly result: MatchResult;
  /** The matched pack's record after the measurement was added (only when it was). */
  readonly updated?: PackRecord;
}

function notFound(id: string): BattError {
  return new BattError(ErrorCode.NotFound, `no pack ${JSON.stringify(id)} in the library`, { context: { id } });
}

/**
 * A library of known packs on top of a {@link FingerprintStore}: enrol packs, identify a measurement, and keep
 * every pack's history so its IR can be followed over time.
 *
 * @example
 * ```ts
 * const library = new PackLibrary(new MemoryStore());
 * await library.enroll(createFingerprint(pulse), { name: "Tattu 1300 #3" });
 * const { result } = await library.identify(createFingerprint(laterPulse));
 * if (result.status === "match") console.log(result.best?.id, result.best?.confidence);
 * ```
 */
export class PackLibrary {
  /** The store the records live in. */
  readonly store: FingerprintStore;
  /** Matching options used by {@link identify} and {@link enroll}. */
  readonly options: MatchOptions;

  /**
   * @param store Where the records live.
   * @param options Matching options (noise model, thresholds).
   */
  constructor(store: FingerprintStore, options: MatchOptions = {}) {
    this.store = store;
    this.options = options;
  }

  /** Every known pack. */
  list(): Promise<PackRecord[]> {
    return this.store.list();
  }

  /**
   * One pack.
   *
   * @throws BattError `not-found` when there is no such pack.
   */
  async get(id: string): Promise<PackRecord> {
    const record = await this.store.get(id);
    if (record === undefined) throw notFound(id);
    return record;
  }

  /**
   * Adds a new pack from its first measurement.
   *
   * @throws BattError `invalid-argument` when the id is taken or invalid, or (without `force`) when the
   *   measurement matches a pack already in the library.
   */
  async enroll(fingerprint: Fingerprint, options: EnrollOptions = {}): Promise<PackRecord> {
    const records = await this.store.list();
    const ids = new Set(records.map((r) => r.id));
    let id = options.id;
    if (id === undefined) {
      let n = records.length + 1;
      while (ids.has(`pack-${n}`)) n++;
      id = `pack-${n}`;
    }
    checkPackId(id);
    if (ids.has(id)) invalid(`pack id ${JSON.stringify(id)} is already in the library`, { id });
    if (options.force !== true) {
      const result = matchFingerprint(fingerprint, records, this.options);
      if (result.status === "match" && result.best !== undefined) {
        invalid(`the measurement matches pack ${JSON.stringify(result.best.id)} (confidence ${result.best.confidence.toFixed(3)}); use force to enrol anyway`, {
          matchedId: result.best.id,
          confidence: result.best.confidence,
        });
      }
    }
    const record = createPackRecord(id, fingerprint, options.name === undefined ? {} : { name: options.name });
    await this.store.put(record);
    return record;
  }

  /** Matches a measurement against the library and, on a match, adds it to that pack's history. */
  async identify(fingerprint: Fingerprint, options: IdentifyOptions = {}): Promise<IdentifyOutcome> {
    const records = await this.store.list();
    const result = matchFingerprint(fingerprint, records, this.options);
    if (result.status !== "match" || result.best === undefined || options.update === false) return { result };
    const record = records.find((r) => r.id === result.best?.id);
    if (record === undefined) return { result };
    const updated = addMeasurement(record, fingerprint, "identify", result.best.confidence);
    await this.store.put(updated);
    return { result, updated };
  }

  /**
   * Adds a measurement to a pack chosen by hand (e.g. after an ambiguous result).
   *
   * @throws BattError `not-found` when there is no such pack; `invalid-argument` when the cell count or chemistry differs.
   */
  async addMeasurement(id: string, fingerprint: Fingerprint): Promise<PackRecord> {
    const updated = addMeasurement(await this.get(id), fingerprint, "manual");
    await this.store.put(updated);
    return updated;
  }

  /**
   * Removes a pack.
   *
   * @throws BattError `not-found` when there is no such pack.
   */
  async remove(id: string): Promise<void> {
    if (!(await this.store.delete(id))) throw notFound(id);
  }
}
