import type { Rng } from '@attune/core/random/rng';
import { ParzenEstimator, type ParzenSettings } from './parzen-estimator';
import type { TpeDimension } from './tpe-dimension';
import { observationWeights, splitObservations, type TpeObservation } from './tpe-observations';
import type { TpeOptions } from './tpe-options';

/**
 * Size of the "good" group: ceil(gamma · n) capped at gammaMax, where n counts
 * the trials with a result only (as Optuna's gamma(n)): pending lies and
 * failures must not widen the good group.
 */
export function goodCount(observations: readonly TpeObservation[], options: TpeOptions): number {
  const finite = observations.reduce((s, o) => s + (Number.isFinite(o.score) ? 1 : 0), 0);
  return Math.min(Math.ceil(options.gamma * finite - 1e-9), options.gammaMax, finite);
}

function settingsOf(options: TpeOptions): ParzenSettings {
  return { priorWeight: options.priorWeight, magicClip: options.magicClip, bandwidth: options.bandwidth };
}

/** l(x)/g(x) candidates over all dimensions jointly, best first. */
function jointCandidates(
  dims: readonly TpeDimension[],
  below: readonly Float64Array[],
  above: readonly Float64Array[],
  options: TpeOptions,
  rng: Rng,
): Float64Array[] {
  const settings = settingsOf(options);
  const l = ParzenEstimator.fit(dims, below, observationWeights(below.length), settings);
  const g = ParzenEstimator.fit(dims, above, observationWeights(above.length), settings);
  const candidates = l.sample(rng, options.nEiCandidates);
  const scores = candidates.map((c) => l.logPdf(c) - g.logPdf(c));
  const order = candidates.map((_, i) => i).sort((a, b) => scores[b] - scores[a] || a - b);
  return order.map((i) => candidates[i]);
}

/** Classic TPE: each dimension is modelled and chosen on its own, from the observations that have it. */
function independentCandidate(
  dims: readonly TpeDimension[],
  below: readonly Float64Array[],
  above: readonly Float64Array[],
  options: TpeOptions,
  rng: Rng,
): Float64Array {
  const settings = settingsOf(options);
  const out = new Float64Array(dims.length);
  dims.forEach((dim, j) => {
    const column = (rows: readonly Float64Array[]) => rows.filter((r) => !Number.isNaN(r[j])).map((r) => Float64Array.of(r[j]));
    const lRows = column(below);
    const gRows = column(above);
    const l = ParzenEstimator.fit([dim], lRows, observationWeights(lRows.length), settings);
    const g = ParzenEstimator.fit([dim], gRows, observationWeights(gRows.length), settings);
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
 * to the best ceil(gamma·n) observations, the bad group g(x) to the rest
 * (pending trials' lies included), and candidates drawn from l are ranked by
 * log l(x) − log g(x).
 */
export function tpeCandidates(
  dims: readonly TpeDimension[],
  observations: readonly TpeObservation[],
  options: TpeOptions,
  rng: Rng,
): Float64Array[] {
  const { below, above } = splitObservations(observations, goodCount(observations, options));
  if (!options.multivariate) return [independentCandidate(dims, below.map((o) => o.row), above.map((o) => o.row), options, rng)];
  // Joint kernels need every coordinate: trials missing a parameter are left out (as in Optuna).
  const complete = (group: readonly TpeObservation[]) => group.map((o) => o.row).filter((r) => !r.some(Number.isNaN));
  return jointCandidates(dims, complete(below), complete(above), options, rng);
}
