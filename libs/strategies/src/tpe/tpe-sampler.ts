import type { Rng } from '@attune/core/random/rng';
import { motpeWeightsBelow } from './motpe-weights';
import { ParzenEstimator, type ParzenSettings } from './parzen-estimator';
import type { TpeDimension } from './tpe-dimension';
import { isFinished, observationWeights, type TpeObservation } from './tpe-observations';
import type { TpeOptions } from './tpe-options';
import { splitObservations } from './tpe-split';

/**
 * Size of the "good" group: ceil(gamma · n) capped at gammaMax, where n counts
 * the trials with a result and the pruned ones (as Optuna's gamma(n)):
 * pending lies and failures must not widen the good group.
 */
export function goodCount(observations: readonly TpeObservation[], options: TpeOptions): number {
  const finished = observations.reduce((s, o) => s + (isFinished(o) ? 1 : 0), 0);
  return Math.min(Math.ceil(options.gamma * finished - 1e-9), options.gammaMax, finished);
}

function settingsOf(options: TpeOptions): ParzenSettings {
  return { priorWeight: options.priorWeight, magicClip: options.magicClip, bandwidth: options.bandwidth };
}

/** The rows a density is fitted to, with one kernel weight each. */
interface WeightedRows {
  readonly rows: Float64Array[];
  readonly weights: number[];
}

/**
 * The rows of `group` that `keep` accepts, weighted: by `fixed` (one weight
 * per observation of the group, MOTPE's good group) where given, else by
 * Optuna's default weights over the kept rows.
 */
function weightedRows(group: readonly TpeObservation[], keep: (row: Float64Array) => boolean, fixed?: readonly number[]): WeightedRows {
  const kept = group.flatMap((o, i) => (keep(o.row) ? [i] : []));
  const rows = kept.map((i) => group[i].row);
  return { rows, weights: fixed ? kept.map((i) => fixed[i]) : observationWeights(rows.length) };
}

/** l(x)/g(x) candidates over all dimensions jointly, best first. */
function jointCandidates(dims: readonly TpeDimension[], below: WeightedRows, above: WeightedRows, options: TpeOptions, rng: Rng): Float64Array[] {
  const settings = settingsOf(options);
  const l = ParzenEstimator.fit(dims, below.rows, below.weights, settings);
  const g = ParzenEstimator.fit(dims, above.rows, above.weights, settings);
  const candidates = l.sample(rng, options.nEiCandidates);
  const scores = candidates.map((c) => l.logPdf(c) - g.logPdf(c));
  const order = candidates.map((_, i) => i).sort((a, b) => scores[b] - scores[a] || a - b);
  return order.map((i) => candidates[i]);
}

/** Classic TPE: each dimension is modelled and chosen on its own, from the observations that have it. */
function independentCandidate(
  dims: readonly TpeDimension[],
  below: readonly TpeObservation[],
  above: readonly TpeObservation[],
  weightsBelow: readonly number[] | undefined,
  options: TpeOptions,
  rng: Rng,
): Float64Array {
  const settings = settingsOf(options);
  const out = new Float64Array(dims.length);
  dims.forEach((dim, j) => {
    const column = (w: WeightedRows): WeightedRows => ({ rows: w.rows.map((r) => Float64Array.of(r[j])), weights: w.weights });
    const has = (r: Float64Array) => !Number.isNaN(r[j]);
    const lRows = column(weightedRows(below, has, weightsBelow));
    const gRows = column(weightedRows(above, has));
    const l = ParzenEstimator.fit([dim], lRows.rows, lRows.weights, settings);
    const g = ParzenEstimator.fit([dim], gRows.rows, gRows.weights, settings);
    let best = Number.NaN;
    let bestScore = -Infinity;
    for (const c of l.sample(rng, options.nEiCandidates)) {
      const score = l.logPdf(c) - g.logPdf(c);
      if (Number.isNaN(best) || score > bestScore) [best, bestScore] = [c[0], score];
    }
    out[j] = best;
  });
  return out;
}

/**
 * Candidate rows for the next trial, best first: the good group l(x) is fitted
 * to the best ceil(gamma·n) observations (see `splitObservations`), the bad
 * group g(x) to the rest (pending trials' lies included), and candidates drawn
 * from l are ranked by log l(x) − log g(x). With several objectives the good
 * group's kernels weigh by hypervolume contribution (`motpeWeightsBelow`).
 */
export function tpeCandidates(dims: readonly TpeDimension[], observations: readonly TpeObservation[], options: TpeOptions, rng: Rng): Float64Array[] {
  const { below, above } = splitObservations(observations, goodCount(observations, options));
  const weightsBelow = (below[0]?.losses.length ?? 1) > 1 ? motpeWeightsBelow(below) : undefined;
  if (!options.multivariate) return [independentCandidate(dims, below, above, weightsBelow, options, rng)];
  // Joint kernels need every coordinate: trials missing a parameter are left out (as in Optuna).
  const complete = (r: Float64Array) => !r.some(Number.isNaN);
  return jointCandidates(dims, weightedRows(below, complete, weightsBelow), weightedRows(above, complete), options, rng);
}
