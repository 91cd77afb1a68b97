import { Rng } from '@attune/core/random/rng';
import type { EncodedSpace } from '../bayesian/encoded-space';
import { fitHyperparameters } from '../gp/fit-hyperparameters';
import { GpModel } from '../gp/gp-model';
import type { GpInputs } from '../gp/matern52.kernel';

/**
 * The regret bound of Optuna's terminator (`RegretBoundEvaluator` in
 * optuna/terminator/improvement/evaluator.py; Makarova et al. 2022,
 * "Automatic termination for hyperparameter optimization"), in minimisation
 * terms: a GP fitted on the better trials bounds, with high probability, how
 * much better than the best of them the objective can still get,
 *   regret ≤ min over the top trials of UCB − min over the space of LCB,
 * UCB/LCB = mean ± √β·sd of the GP's posterior of the objective (without the
 * noise), β = 2·log(d·n²·π²/(6δ))/5, δ = 0.1 (GP-UCB's β, scaled down by 5 as
 * the paper does). The minimum over the space is taken over the top trials
 * and 2048 seeded uniform points (Optuna's `optimize_acqf_sample`).
 */

/** Optuna's δ: the bound holds with probability 1 − δ. */
const DELTA = 0.1;
/** Optuna's `optimize_n_samples`: random points the space's lowest LCB is searched over. */
export const LCB_SAMPLES = 2048;
/** Optuna's floor on the standard deviation of the top trials' losses. */
const MIN_SD = 1e-10;
const SAMPLE_PURPOSE = 0x7e61;

/** A completed feasible trial as the regret bound sees it. */
export interface RegretObservation {
  readonly number: number;
  readonly x: Float64Array;
  readonly loss: number;
}

/** What the bound found, in the loss's units. */
export interface RegretBoundEstimate {
  /** How much lower than the best of the top trials the objective may still be (with probability 1 − δ). */
  readonly regretBound: number;
  /** The trials the GP was fitted on, best first (ties at the cut all kept). */
  readonly top: readonly RegretObservation[];
  readonly beta: number;
}

/** Options of {@link estimateRegretBound}. */
export interface RegretBoundSettings {
  readonly topTrialsRatio: number;
  readonly minTrials: number;
  /** Seeds the random points of the LCB's search (with the history's size). */
  readonly seed: number;
  /** @default LCB_SAMPLES */
  readonly samples?: number;
}

/**
 * Fits the GP to the top trials (standardised losses, hyperparameters by the
 * strategies' own MAP fit) and returns the bound, back in the loss's units.
 * Needs at least two observations.
 */
export function estimateRegretBound(space: EncodedSpace, observations: readonly RegretObservation[], settings: RegretBoundSettings): RegretBoundEstimate {
  const top = topTrials(observations, settings.topTrialsRatio, settings.minTrials);
  const { y, sd } = standardize(top.map((o) => o.loss));
  const inputs = gpInputs(space, top);
  const hyper = fitHyperparameters(inputs, y, { randomRestarts: 0 });
  const model = new GpModel(inputs, y, hyper);
  const beta = regretBeta(space.d, top.length);
  const rng = Rng.derive(settings.seed, observations.length, SAMPLE_PURPOSE);
  const samples = Array.from({ length: settings.samples ?? LCB_SAMPLES }, () => space.fromUnitCube(Array.from({ length: space.d }, () => rng.float())));
  const standardized = standardizedRegretBound(model, top.map((o) => o.x), samples, beta);
  return { regretBound: standardized * sd, top, beta };
}

/**
 * The observation noise a GP fitted to all the observations finds, as a
 * standard deviation of one trial's loss. All of them, not the top trials the
 * bound is fitted on: picking the best of noisy losses picks lucky noise, and
 * a fit on them finds too little of it (measured on a flat function with noise
 * of sd 0.5 in 2-D: 0.03 from the best 15 of 30 trials, 0.36 from all 30).
 */
export function fittedNoiseSd(space: EncodedSpace, observations: readonly RegretObservation[]): number {
  const { y, sd } = standardize(observations.map((o) => o.loss));
  const hyper = fitHyperparameters(gpInputs(space, observations), y, { randomRestarts: 0 });
  return Math.sqrt(hyper.noiseVariance) * sd;
}

/**
 * Optuna's `_get_top_n`: the best clip(⌊n·ratio⌋, minTrials, n) trials by
 * loss, and every trial tied with the last of them; best first.
 */
export function topTrials<T extends { readonly loss: number; readonly number: number }>(observations: readonly T[], ratio: number, minTrials: number): T[] {
  const n = observations.length;
  const count = Math.min(Math.max(Math.floor(n * ratio), minTrials), n);
  const sorted = [...observations].sort((a, b) => a.loss - b.loss || a.number - b.number);
  if (count === 0) return [];
  const cut = sorted[count - 1].loss;
  return sorted.filter((o) => o.loss <= cut);
}

/** GP-UCB's β for d dimensions and n points, scaled down by 5 (Optuna's `_get_beta`, δ = 0.1). */
export function regretBeta(d: number, n: number): number {
  return (2 * Math.log((d * n * n * Math.PI * Math.PI) / 6 / DELTA)) / 5;
}

/**
 * min over `top` of mean + √β·sd, minus min over `top` and `candidates` of
 * mean − √β·sd, for the model's (standardised) targets.
 */
export function standardizedRegretBound(model: GpModel, top: readonly ArrayLike<number>[], candidates: readonly ArrayLike<number>[], beta: number): number {
  const root = Math.sqrt(beta);
  let minUcb = Infinity;
  let minLcb = Infinity;
  for (const x of top) {
    const { mean, variance } = model.predict(x);
    minUcb = Math.min(minUcb, mean + root * Math.sqrt(variance));
    minLcb = Math.min(minLcb, mean - root * Math.sqrt(variance));
  }
  for (const x of candidates) {
    const { mean, variance } = model.predict(x);
    minLcb = Math.min(minLcb, mean - root * Math.sqrt(variance));
  }
  return minUcb - minLcb;
}

/** Losses to mean 0, sd 1 (the population sd, at least 1e-10), with that sd. */
export function standardize(losses: readonly number[]): { y: Float64Array; sd: number } {
  const mean = losses.reduce((a, b) => a + b, 0) / losses.length;
  const sd = Math.max(MIN_SD, Math.sqrt(losses.reduce((a, b) => a + (b - mean) ** 2, 0) / losses.length));
  return { y: Float64Array.from(losses, (l) => (l - mean) / sd), sd };
}

function gpInputs(space: EncodedSpace, observations: readonly RegretObservation[]): GpInputs {
  const X = new Float64Array(observations.length * space.d);
  observations.forEach((o, i) => X.set(o.x, i * space.d));
  return { X, n: observations.length, d: space.d, categorical: space.categorical };
}
