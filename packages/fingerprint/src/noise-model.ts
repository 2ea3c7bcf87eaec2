/**
 * What separates two measurements of the same pack. Matching turns these into the variance of each
 * signature's difference, so that the distance of a true match follows a chi-square law; the unknown-pack
 * decision is calibrated from that law rather than tuned by hand.
 */
export interface NoiseModel {
  /**
   * Session-to-session repeatability of one cell's IR, relative (σ of ln IR), on top of the readings'
   * resolution. Default 0.03. Measure yours with `estimateNoise` on packs measured several times.
   */
  readonly irRelative: number;
  /** Session-to-session repeatability of one cell's OCV relative to the pack mean, mV. Default 2. */
  readonly ocvMillivolts: number;
  /** How fast cells age apart: random-walk σ of ln(IR ratio) per √year. Default 0.03. */
  readonly irRatioDriftPerYear: number;
  /** Random-walk σ of the OCV pattern per √year, mV. Default 3. */
  readonly ocvDriftPerYear: number;
}

/** The default {@link NoiseModel}. */
export const DEFAULT_NOISE: NoiseModel = {
  irRelative: 0.03,
  ocvMillivolts: 2,
  irRatioDriftPerYear: 0.03,
  ocvDriftPerYear: 3,
};

/**
 * How different packs differ: the spread of the signatures across a population. It is the "unknown pack"
 * hypothesis: a pack not in the library has a signature drawn from this spread. Matching blends these
 * defaults with the spread of the library itself (see `populationSpread`).
 */
export interface PopulationModel {
  /** σ of ln(cell IR) around the pack's mean, across cells of a pack. Default 0.07 (0.068 for the 4S pack of docs/protocols/icharger.md#seed-ir-example). */
  readonly irSpread: number;
  /** σ of a cell's OCV around the pack mean, mV. Default 4. */
  readonly ocvSpreadMillivolts: number;
}

/** The default {@link PopulationModel}. */
export const DEFAULT_POPULATION: PopulationModel = {
  irSpread: 0.07,
  ocvSpreadMillivolts: 4,
};

/** Milliseconds per (Julian) year, for drift rates. */
export const MS_PER_YEAR = 365.25 * 24 * 3600 * 1000;
