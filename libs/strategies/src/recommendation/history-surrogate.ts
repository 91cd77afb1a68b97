import type { TrialView } from '@attune/core/trial/trial-view';
import type { EncodedSpace } from '../bayesian/encoded-space';
import { buildSurrogate, type Surrogate } from '../bayesian/gp-surrogate';
import { HyperparameterCache } from '../bayesian/hyperparameter-cache';
import { modelledTrials, type ModelledTrial } from '../bayesian/study-history';
import type { Observation } from '../bayesian/training-set';

/** The most trials the GP is fitted on (the bayesian strategy's default `maxModelPoints`): a fit costs O(n³). */
export const MAX_MODEL_POINTS = 160;

/** The feasible COMPLETE trials, as the bayesian strategy models them (`modelledTrials`); infeasible ones are left out. */
export function feasibleModelledTrials(trials: readonly TrialView[], encoded: EncodedSpace): ModelledTrial[] {
  return modelledTrials(
    trials.filter((t) => !(t.violation! > 0)),
    encoded,
  );
}

/** Objective k of each trial as the GP's observation (with its repeats' noise, which only single-objective trials carry). */
export function objectiveObservations(trials: readonly ModelledTrial[], k: number): Observation[] {
  return trials.map((t) => ({ number: t.number, x: t.x, loss: t.objectives[k], ...(t.noiseVariance !== undefined && { noiseVariance: t.noiseVariance }) }));
}

/**
 * The bayesian strategy's surrogate (its output warping, each point's noise, a
 * MAP fit of the noise) fitted once to a study's observations, for reading its
 * posterior after the fact, whatever strategy ran the study. Pure: a function
 * of the observations and the seed. Costs one fit on at most MAX_MODEL_POINTS.
 */
export function fitHistorySurrogate(encoded: EncodedSpace, observations: readonly Observation[], seed: number): Surrogate {
  return buildSurrogate(encoded, observations, { seed, outputTransform: 'auto', maxModelPoints: MAX_MODEL_POINTS, fitRestarts: 1 }, new HyperparameterCache());
}
