import { invalid } from "./checks.js";
import { DEFAULT_NOISE, DEFAULT_POPULATION, type NoiseModel, type PopulationModel } from "./noise-model.js";

/** Options for matching a fingerprint against a library. Every field has a documented default. */
export interface MatchOptions {
  /** Measurement noise and ageing drift (defaults: {@link DEFAULT_NOISE}). */
  readonly noise?: Partial<NoiseModel>;
  /** Prior spread of signatures across packs (defaults: {@link DEFAULT_POPULATION}), blended with the library's own. */
  readonly population?: Partial<PopulationModel>;
  /**
   * Probability that the true pack fails the consistency test because of noise alone (default 0.001). The
   * test rejects a candidate whose distance exceeds the chi-square quantile for this tail.
   */
  readonly missProbability?: number;
  /**
   * Largest acceptable probability that a pack not in the library is reported as a match (default 0.001).
   * A match needs a posterior confidence of at least 1 / (1 + falseMatchRate). With the neutral prior used here
   * (a measured pack is as likely outside the library as in it) that means the likelihood ratio of the pack
   * against "unknown" must reach K / falseMatchRate for a library of K packs; under the unknown hypothesis that
   * ratio has mean 1, so by Markov's inequality and a union bound a foreign pack passes with probability at most
   * falseMatchRate, if the noise and population models hold.
   */
  readonly falseMatchRate?: number;
  /**
   * How far the mean cell IR may sit from the pack's last measurement without ageing, relative (default 0.5):
   * temperature (IR rises by roughly a third from 25 °C to 10 °C), state of charge and method move it. The gate is the ratio within [1/(1+t), (1+t)·(1+g·years)].
   */
  readonly packIrTolerance?: number;
  /** How much ageing may raise the mean cell IR per year, relative (default 1.0, i.e. doubling). */
  readonly packIrGrowthPerYear?: number;
  /** Use the OCV pattern as a second signature (default true). */
  readonly useOcv?: boolean;
  /**
   * OCV patterns are compared only when the mean cell voltages differ by at most this much, mV (default 100):
   * the pattern depends on the state of charge.
   */
  readonly ocvStateWindowMillivolts?: number;
  /** How many candidates to list (default 5). */
  readonly maxCandidates?: number;
}

/** {@link MatchOptions} with every default filled in. */
export interface MatchSettings {
  /** See {@link MatchOptions.noise}. */
  readonly noise: NoiseModel;
  /** See {@link MatchOptions.population}. */
  readonly population: PopulationModel;
  /** See {@link MatchOptions.missProbability}. */
  readonly missProbability: number;
  /** See {@link MatchOptions.falseMatchRate}. */
  readonly falseMatchRate: number;
  /** Posterior confidence a match needs: 1 / (1 + falseMatchRate). */
  readonly minConfidence: number;
  /** See {@link MatchOptions.packIrTolerance}. */
  readonly packIrTolerance: number;
  /** See {@link MatchOptions.packIrGrowthPerYear}. */
  readonly packIrGrowthPerYear: number;
  /** See {@link MatchOptions.useOcv}. */
  readonly useOcv: boolean;
  /** See {@link MatchOptions.ocvStateWindowMillivolts}. */
  readonly ocvStateWindowMillivolts: number;
  /** See {@link MatchOptions.maxCandidates}. */
  readonly maxCandidates: number;
}

function check(value: number, name: string, low: number, high: number, openLow = false): number {
  const ok = Number.isFinite(value) && (openLow ? value > low : value >= low) && value <= high;
  if (!ok) invalid(`${name} must be in ${openLow ? "(" : "["}${low}, ${high}], got ${value}`);
  return value;
}

/**
 * Fills in defaults and checks ranges.
 *
 * @throws BattError `invalid-argument` for an out-of-range option.
 */
export function resolveMatchOptions(options: MatchOptions = {}): MatchSettings {
  const noise = { ...DEFAULT_NOISE, ...options.noise };
  const population = { ...DEFAULT_POPULATION, ...options.population };
  check(noise.irRelative, "noise.irRelative", 0, 1);
  check(noise.ocvMillivolts, "noise.ocvMillivolts", 0, 1000);
  check(noise.irRatioDriftPerYear, "noise.irRatioDriftPerYear", 0, 1);
  check(noise.ocvDriftPerYear, "noise.ocvDriftPerYear", 0, 1000);
  check(population.irSpread, "population.irSpread", 0, 2, true);
  check(population.ocvSpreadMillivolts, "population.ocvSpreadMillivolts", 0, 1000, true);
  const falseMatchRate = check(options.falseMatchRate ?? 0.001, "falseMatchRate", 0, 1, true);
  return {
    noise,
    population,
    missProbability: check(options.missProbability ?? 0.001, "missProbability", 0, 1, true),
    falseMatchRate,
    minConfidence: 1 / (1 + falseMatchRate),
    packIrTolerance: check(options.packIrTolerance ?? 0.5, "packIrTolerance", 0, 100),
    packIrGrowthPerYear: check(options.packIrGrowthPerYear ?? 1, "packIrGrowthPerYear", 0, 100),
    useOcv: options.useOcv ?? true,
    ocvStateWindowMillivolts: check(options.ocvStateWindowMillivolts ?? 100, "ocvStateWindowMillivolts", 0, 10_000),
    maxCandidates: check(options.maxCandidates ?? 5, "maxCandidates", 1, 1_000_000),
  };
}
