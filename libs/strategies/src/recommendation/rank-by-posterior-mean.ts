import type { SearchSpace } from '@attune/core/search-space/parameter';
import type { TrialView } from '@attune/core/trial/trial-view';
import { EncodedSpace } from '../bayesian/encoded-space';
import { feasibleModelledTrials, fitHistorySurrogate, objectiveObservations } from './history-surrogate';

/** Fewest feasible trials a GP is fitted on; with fewer, there is no ranking (the caller keeps the observed order). */
export const MIN_RANKED_TRIALS = 8;

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
  const modelled = feasibleModelledTrials(trials, encoded).filter((t) => t.objectives.length === 1);
  if (modelled.length < MIN_RANKED_TRIALS) return undefined;
  const observations = objectiveObservations(modelled, 0);
  const surrogate = fitHistorySurrogate(encoded, observations, seed);
  const means = new Map(observations.map((o) => [o.number, surrogate.model.predict(o.x).mean]));
  return [...means.keys()].sort((a, b) => means.get(a)! - means.get(b)! || a - b);
}
