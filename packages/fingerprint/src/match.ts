import { chiSquareSurvival } from "./chi-square.js";
import type { Fingerprint } from "./fingerprint.js";
import { centeredLogIr } from "./ir-ratio.js";
import { resolveMatchOptions, type MatchOptions, type MatchSettings } from "./match-options.js";
import { MS_PER_YEAR, type PopulationModel } from "./noise-model.js";
import { chemistryCompatible, type PackRecord } from "./pack-record.js";
import { populationSpread } from "./population.js";
import { irMeasurementVariance, mean, ocvMeasurementVariance, packReference, type PackReference } from "./reference.js";

/** One pack the measurement could be, with how well it fits. */
export interface MatchCandidate {
  /** The pack's id. */
  readonly id: string;
  /** The pack's name, when it has one. */
  readonly name?: string;
  /** Posterior probability that the measurement is this pack (0–1), against every other pack and "unknown". */
  readonly confidence: number;
  /** Probability of a distance at least this large if it is this pack (chi-square tail). */
  readonly pValue: number;
  /** Whether {@link pValue} clears the consistency test (≥ `missProbability`). */
  readonly consistent: boolean;
  /** Noise-normalised squared distance over the compared signatures (chi-square with {@link dof} if it is this pack). */
  readonly distance: number;
  /** Degrees of freedom of {@link distance}: n − 1 for the IR ratios, plus n − 1 when the OCV pattern was compared. */
  readonly dof: number;
  /** The IR-ratio part of {@link distance}. */
  readonly irDistance: number;
  /** The OCV part of {@link distance}, when the patterns were compared (both known, similar state of charge). */
  readonly ocvDistance?: number;
  /** Mean cell IR of the measurement over the pack's last one, minus 1 (ageing shows as a positive change). */
  readonly packIrChange: number;
}

/** Why packs were left out before scoring. */
export interface MatchExclusions {
  /** Packs with another cell count. */
  readonly cellCount: number;
  /** Packs of another known chemistry. */
  readonly chemistry: number;
  /** Packs whose mean cell IR is outside the ageing-aware gate. */
  readonly packIr: number;
}

/** The outcome of matching one measurement against a library. JSON-ready. */
export interface MatchResult {
  /**
   * `match`: the best candidate is consistent with the measurement and its confidence reaches
   *   1 / (1 + `falseMatchRate`);
   * `ambiguous`: consistent candidates exist, but none is confident enough (similar packs);
   * `unknown`: no pack fits better than a pack from outside the library would.
   */
  readonly status: "match" | "ambiguous" | "unknown";
  /** The matched pack (`match`) or the most likely one (`ambiguous`). */
  readonly best?: MatchCandidate;
  /** Candidates, most likely first, at most `maxCandidates`. */
  readonly candidates: readonly MatchCandidate[];
  /** Posterior probability that the pack is not in the library. */
  readonly unknownConfidence: number;
  /** Packs left out before scoring, by reason. */
  readonly excluded: MatchExclusions;
  /** The signature spread used for the unknown-pack hypothesis. */
  readonly population: PopulationModel;
}

/** A library with its references computed once, for matching many measurements. */
export interface PreparedLibrary {
  /** The records with their references. */
  readonly entries: readonly { readonly record: PackRecord; readonly reference: PackReference }[];
  /** The resolved options. */
  readonly settings: MatchSettings;
  /** Signature spread across the library, blended with the prior. */
  readonly population: PopulationModel;
}

/**
 * Computes every record's reference and the library's signature spread.
 *
 * @throws BattError `invalid-argument` for an out-of-range option.
 */
export function prepareLibrary(records: readonly PackRecord[], options: MatchOptions = {}): PreparedLibrary {
  const settings = resolveMatchOptions(options);
  const entries = records.map((record) => ({
    record,
    reference: packReference(record, settings.noise, settings.ocvStateWindowMillivolts),
  }));
  return { entries, settings, population: populationSpread(entries.map((e) => e.reference), settings.population) };
}

const LOG_2PI = Math.log(2 * Math.PI);

// ln of an isotropic normal density over `dims` dimensions with variance `variance`, at squared norm `d2`.
const logNormal = (d2: number, variance: number, dims: number): number => -0.5 * (dims * (LOG_2PI + Math.log(variance)) + d2 / variance);

const squaredDistance = (a: readonly number[], b: readonly number[]): number => a.reduce((s, v, i) => s + (v - b[i]!) ** 2, 0);

interface Scored {
  readonly candidate: Omit<MatchCandidate, "confidence">;
  readonly logLikelihood: number;
}

/**
 * Matches a measurement against a prepared library.
 *
 * Each candidate's IR signature (centred ln IR) is compared with its reference; the squared difference is
 * divided by the variance predicted from the noise model (this measurement's noise, the reference's remaining
 * uncertainty and the ratio drift since its last measurement), so for the true pack it follows a chi-square
 * law with n − 1 degrees of freedom. The OCV pattern adds n − 1 more when both sides have voltages at a similar
 * state of charge. The mean cell IR only gates (it moves with temperature and ageing). Confidences are
 * posterior probabilities over every pack and the hypothesis "a pack not in the library", whose signature
 * would be drawn from the population spread, with even odds between "in the library" and "not". A match needs
 * the chi-square p-value to clear `missProbability` (so noise alone rejects the true pack with that probability)
 * and a confidence that bounds the false-match probability of a foreign pack by `falseMatchRate`.
 */
export function matchPrepared(fingerprint: Fingerprint, library: PreparedLibrary): MatchResult {
  const { settings, population } = library;
  const { noise } = settings;
  const n = fingerprint.cellCount;
  const dims = n - 1;
  const time = Date.parse(fingerprint.measuredAt);
  const z = centeredLogIr(fingerprint.cellIrMilliohm);
  const irVar = irMeasurementVariance(fingerprint, noise);
  const pattern = settings.useOcv ? fingerprint.ocvPatternMillivolts : undefined;
  const level = fingerprint.ocvMillivolts === undefined ? undefined : mean(fingerprint.ocvMillivolts);
  const ocvVar = ocvMeasurementVariance(fingerprint, noise);

  // The unknown hypothesis: the signature comes from the population spread, seen through this measurement's noise.
  const popIrVar = population.irSpread ** 2 + irVar;
  const popOcvVar = population.ocvSpreadMillivolts ** 2 + ocvVar;
  const unknownIr = logNormal(squaredDistance(z, z.map(() => 0)), popIrVar, dims);
  const unknownOcv = pattern === undefined ? 0 : logNormal(squaredDistance(pattern, pattern.map(() => 0)), popOcvVar, dims);

  const excluded = { cellCount: 0, chemistry: 0, packIr: 0 };
  const scored: Scored[] = [];
  for (const { record, reference } of library.entries) {
    if (record.cellCount !== n) {
      excluded.cellCount++;
      continue;
    }
    if (!chemistryCompatible(record.chemistry, fingerprint.chemistry)) {
      excluded.chemistry++;
      continue;
    }
    const years = Math.max(0, time - reference.irTime) / MS_PER_YEAR;
    const irRatio = fingerprint.meanCellIrMilliohm / reference.meanCellIrMilliohm;
    const lowest = 1 / (1 + settings.packIrTolerance);
    const highest = (1 + settings.packIrTolerance) * (1 + settings.packIrGrowthPerYear * years);
    if (!(irRatio >= lowest && irRatio <= highest)) {
      excluded.packIr++;
      continue;
    }
    const irVariance = reference.irVariance + noise.irRatioDriftPerYear ** 2 * (Math.abs(time - reference.irTime) / MS_PER_YEAR) + irVar;
    const irDistance = squaredDistance(z, reference.logIr) / irVariance;
    let logLikelihood = logNormal(irDistance * irVariance, irVariance, dims);
    let ocvDistance: number | undefined;
    if (
      pattern !== undefined &&
      level !== undefined &&
      reference.ocvPattern !== undefined &&
      reference.ocvVariance !== undefined &&
      reference.ocvTime !== undefined &&
      reference.ocvMeanMillivolts !== undefined &&
      Math.abs(level - reference.ocvMeanMillivolts) <= settings.ocvStateWindowMillivolts
    ) {
      const ocvVariance = reference.ocvVariance + noise.ocvDriftPerYear ** 2 * (Math.abs(time - reference.ocvTime) / MS_PER_YEAR) + ocvVar;
      ocvDistance = squaredDistance(pattern, reference.ocvPattern) / ocvVariance;
      logLikelihood += logNormal(ocvDistance * ocvVariance, ocvVariance, dims);
    } else {
      // Not compared: the voltages say nothing for or against this pack, as for an unknown one.
      logLikelihood += unknownOcv;
    }
    const distance = irDistance + (ocvDistance ?? 0);
    const dof = ocvDistance === undefined ? dims : 2 * dims;
    const pValue = chiSquareSurvival(distance, dof);
    scored.push({
      candidate: {
        id: record.id,
        ...(record.name === undefined ? {} : { name: record.name }),
        pValue,
        consistent: pValue >= settings.missProbability,
        distance,
        dof,
        irDistance,
        ...(ocvDistance === undefined ? {} : { ocvDistance }),
        packIrChange: irRatio - 1,
      },
      logLikelihood,
    });
  }

  // Posterior over "pack k" (prior 1/(2K) each, K = every pack in the library) and "unknown" (prior 1/2).
  const knownPrior = Math.log(0.5 / Math.max(1, library.entries.length));
  const unknownLog = Math.log(0.5) + unknownIr + unknownOcv;
  const logs = scored.map((s) => s.logLikelihood + knownPrior);
  const top = Math.max(unknownLog, ...logs);
  const total = Math.exp(unknownLog - top) + logs.reduce((a, l) => a + Math.exp(l - top), 0);
  const ranked: MatchCandidate[] = scored
    .map((s, i) => ({ ...s.candidate, confidence: Math.exp(logs[i]! - top) / total }))
    .sort((a, b) => b.confidence - a.confidence || a.distance - b.distance);
  const unknownConfidence = Math.exp(unknownLog - top) / total;

  const best = ranked[0];
  let status: MatchResult["status"] = "unknown";
  if (best !== undefined && best.consistent) {
    if (best.confidence >= settings.minConfidence) status = "match";
    else if (best.confidence > unknownConfidence) status = "ambiguous";
  }
  return {
    status,
    ...(best === undefined || status === "unknown" ? {} : { best }),
    candidates: ranked.slice(0, settings.maxCandidates),
    unknownConfidence,
    excluded,
    population,
  };
}

/**
 * Matches a measurement against known packs: a ranked list of candidates with confidences, and an explicit
 * unknown-pack outcome (see {@link matchPrepared} for the statistics).
 *
 * @throws BattError `invalid-argument` for an out-of-range option.
 */
export function matchFingerprint(fingerprint: Fingerprint, records: readonly PackRecord[], options: MatchOptions = {}): MatchResult {
  return matchPrepared(fingerprint, prepareLibrary(records, options));
}
