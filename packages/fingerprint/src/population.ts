import type { PopulationModel } from "./noise-model.js";
import type { PackReference } from "./reference.js";

/** Weight of the default population model, in signature dimensions (as if this many dimensions had been seen). */
const PRIOR_DIMENSIONS = 12;

/**
 * The spread of signatures across packs, estimated from a library's references and blended with `prior`
 * (the blend leans on the prior while the library is small). The references' own variance is subtracted,
 * so noisy single measurements do not inflate the spread.
 */
export function populationSpread(references: readonly PackReference[], prior: PopulationModel): PopulationModel {
  let irSum = 0;
  let irDims = 0;
  let irNoise = 0;
  let ocvSum = 0;
  let ocvDims = 0;
  let ocvNoise = 0;
  for (const ref of references) {
    const dims = ref.logIr.length - 1;
    irSum += ref.logIr.reduce((a, v) => a + v * v, 0);
    irNoise += ref.irVariance * dims;
    irDims += dims;
    if (ref.ocvPattern !== undefined && ref.ocvVariance !== undefined) {
      ocvSum += ref.ocvPattern.reduce((a, v) => a + v * v, 0);
      ocvNoise += ref.ocvVariance * dims;
      ocvDims += dims;
    }
  }
  const blend = (sum: number, noise: number, dims: number, priorSd: number): number => {
    const observed = Math.max(0, sum - noise);
    return Math.sqrt((observed + PRIOR_DIMENSIONS * priorSd ** 2) / (dims + PRIOR_DIMENSIONS));
  };
  return {
    irSpread: blend(irSum, irNoise, irDims, prior.irSpread),
    ocvSpreadMillivolts: blend(ocvSum, ocvNoise, ocvDims, prior.ocvSpreadMillivolts),
  };
}
