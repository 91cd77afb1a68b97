import type { SearchSpace } from '@attune/core/search-space/parameter';
import type { TrialView } from '@attune/core/trial/trial-view';
import { EncodedSpace } from '../bayesian/encoded-space';
import { buildSurrogate } from '../bayesian/gp-surrogate';
import { HyperparameterCache } from '../bayesian/hyperparameter-cache';
import { modelledTrials } from '../bayesian/study-history';
import type { Observation } from '../bayesian/training-set';

/** Fewest feasible trials a GP is fitted on; with fewer, there is no ranking (the caller keeps the observed order). */
export const MIN_RANKED_TRIALS = 8;
/** The most trials the GP is fitted on (the bayesian strategy's default `maxModelPoints`): a fit costs O(n³). */
const MAX_MODEL_POINTS = 160;

/**
 * The feasible COMPLETE trials of a single-objective study, best first by a
 * GP's posterior mean of their loss at their configuration, not by the loss
 * they happened to measure: on a noisy system the best measured trial is
 * usually a lucky draw (the winner's curse), while the posterior mean pools
 * each trial with its neighbours and shrinks lucky draws toward them. This
 * is how BoTorch and Vizier recommend under noise ("best in-sample posterior
 * mean"). The GP is the bayesian strategy's surrogate (its output warping,
 * the repeats' noise per trial, a MAP fit of the noise), whatever strategy
 * ran the study. Undefined for several objectives and when fewer than
 * MIN_RANKED_TRIALS feasible trials completed. Pure: a function of the
 * trials and the seed. Costs one GP fit on at most 160 of them.
 */
export function rankByPosteriorMean(space: SearchSpace, trials: readonly TrialView[], seed: number): number[] | undefined {
  const encoded = new EncodedSpace(space);
  const feasible = trials.filter((t) => !(t.violation! > 0));
  const modelled = modelledTrials(feasible, encoded).filter((t) => t.objectives.length === 1);
  if (modelled.length < MIN_RANKED_TRIALS) return undefined;
  const observations: Observation[] = modelled.map((t) => ({ number: t.number, x: t.x, loss: t.objectives[0], ...(t.noiseVariance !== undefined && { noiseVariance: t.noiseVariance }) }));
  const surrogate = buildSurrogate(encoded, observations, { seed, outputTransform: 'auto', maxModelPoints: MAX_MODEL_POINTS, fitRestarts: 1 }, new HyperparameterCache());
  const means = new Map(observations.map((o) => [o.number, surrogate.model.predict(o.x).mean]));
  return [...means.keys()].sort((a, b) => means.get(a)! - means.get(b)! || a - b);
}
