import type { GpModel } from '../gp/gp-model';
import { stdNormalLogCdf, stdNormalLogPdf } from '../numerics/normal';

/** Floor on the predictive variance, as for the acquisition: keeps z finite on top of a training point. */
const STABILISING_VARIANCE = 1e-12;

/** A constraint's GP, on standardised slacks, and the target at which the slack is 0: kept at or below it. */
export interface ConstraintModel {
  readonly model: GpModel;
  readonly threshold: number;
}

/**
 * log P(c ≤ threshold) for c ~ N(mean, variance): log Φ((threshold − mean)/σ),
 * the modelled probability that one constraint is kept (Gardner et al. 2014).
 */
export function logProbabilityOfFeasibility(mean: number, variance: number, threshold: number): number {
  return stdNormalLogCdf((threshold - mean) / Math.sqrt(variance + STABILISING_VARIANCE));
}

/**
 * The same at x from the constraint's GP, adding its gradient in x into
 * `grad`: d log Φ(z) = (φ(z)/Φ(z))·dz with z = (t − μ)/σ, so
 * dz = −(dμ + z·dσ)/σ and dσ = dVar/(2σ).
 */
export function logProbabilityOfFeasibilityWithGradient(c: ConstraintModel, x: ArrayLike<number>, grad: Float64Array, dMean: Float64Array, dVar: Float64Array): number {
  const { mean, variance } = c.model.predictWithGradient(x, dMean, dVar);
  const v = variance + STABILISING_VARIANCE;
  const sigma = Math.sqrt(v);
  const z = (c.threshold - mean) / sigma;
  const logCdf = stdNormalLogCdf(z);
  const ratio = Math.exp(stdNormalLogPdf(z) - logCdf);
  for (let l = 0; l < grad.length; l++) grad[l] += (ratio * -(dMean[l] + (z * dVar[l]) / (2 * sigma))) / sigma;
  return logCdf;
}
