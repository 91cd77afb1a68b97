import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { mean, sampleSd, type RawMetrics } from '../objective/aggregate-repeats';
import { baselineProblem, compositeScore } from '../objective/composite-score';
import type { CompositeTerm } from '../objective/objective-spec.schema';
import { hodgesLehmannShift } from '../statistics/hodges-lehmann';
import { ALPHA, type Interval } from '../statistics/interval';
import { welchDf } from '../statistics/welch-t-test';
import { isSignificant, testsOf, type Comparison } from './comparison';

/**
 * Compares the composite score of a candidate's re-measurements with the
 * baseline's. A score is relative to the baseline, so there is no score per
 * pair of repeats; instead every repeat, the candidate's and the baseline's
 * own, is scored against the baseline's mean metrics b̄:
 *
 *   x_j = -compositeScore(m_j; b̄),   y_k = -compositeScore(b_k; b̄)
 *
 * (improvements, positive is better). The score is linear in the metrics
 * for a fixed b̄, so mean(x) - mean(y) = -compositeScore(m̄; b̄), the
 * improvement of the mean metrics, mean(y) being 0; and scoring whole
 * repeats keeps what per-metric spreads would lose, the correlation of
 * metrics measured together. Welch's and the rank test compare x with y.
 *
 * The interval when Welch's test is used is the delta method's for
 * I = Σ c_i (m̄_i - b̄_i)/|b̄_i| (c_i the orientation times w_i/Σw), which
 * also carries the uncertainty of the b̄_i dividing each term: ∂I/∂m̄_i is
 * c_i/|b̄_i| and ∂I/∂b̄_i is -c_i ρ_i/|b̄_i| with ρ_i = m̄_i/b̄_i, so
 *
 *   Var I ≈ Var(x)/n_m + Var(y')/n_b,   y'_k = Σ c_i ρ_i b_{k,i}/|b̄_i|,
 *
 * the baseline's repeats scaled by each metric's ratio (y' = y + const when
 * every ρ_i is 1), with I ± t se at the Welch–Satterthwaite df of those two
 * parts. For one term this is the delta method of the metric's ratio, which
 * Fieller's interval (`compareMetric`) tends to. When the rank test is used
 * the interval is the Hodges–Lehmann shift of x over y, b̄ taken as exact.
 *
 * Only repeats that report every term count; undefined when either side has
 * fewer than 2, or when the baseline cannot anchor a score
 * (`baselineProblem`: a term's mean is 0).
 */
export function compareComposite(terms: readonly CompositeTerm[], candidate: readonly RawMetrics[], baseline: readonly RawMetrics[]): Comparison | undefined {
  const m = candidate.filter(reportsAll(terms));
  const b = baseline.filter(reportsAll(terms));
  const centre = meanMetrics(terms, b);
  if (b.length > 0 && baselineProblem(terms, centre) !== undefined) return undefined;
  const x = m.map((r) => improvementOf(terms, r, centre));
  const y = b.map((r) => improvementOf(terms, r, centre));
  const tests = testsOf(x, y);
  if (!tests) return undefined;
  const { welch, rank, test, why } = tests;
  const count = { candidate: x.length, baseline: y.length };
  if (test === 'rank') {
    const improvement = hodgesLehmannShift(x, y);
    return { improvement, welch, rank, test, p: rank.p, significant: isSignificant(improvement, rank.p), count, note: why };
  }
  const improvement = deltaInterval(terms, m, b, centre, mean(x) - mean(y));
  return { improvement, welch, rank, test, p: welch.p, significant: isSignificant(improvement, welch.p), count };
}

/** I ± t se with the delta method's variance (see `compareComposite`). */
function deltaInterval(terms: readonly CompositeTerm[], m: readonly RawMetrics[], b: readonly RawMetrics[], centre: RawMetrics, estimate: number): Interval {
  const total = terms.reduce((sum, t) => sum + t.weight, 0);
  const coefficient = (t: CompositeTerm) => ((t.direction === 'maximize' ? 1 : -1) * t.weight) / total / Math.abs(centre[t.metric]);
  const candidateMeans = meanMetrics(terms, m);
  const x = m.map((r) => terms.reduce((sum, t) => sum + coefficient(t) * r[t.metric], 0));
  const y = b.map((r) => terms.reduce((sum, t) => sum + coefficient(t) * (candidateMeans[t.metric] / centre[t.metric]) * r[t.metric], 0));
  const vx = sampleSd(x) ** 2 / x.length;
  const vy = sampleSd(y) ** 2 / y.length;
  if (vx + vy === 0) return { estimate, low: estimate, high: estimate };
  const half = tQuantile(1 - ALPHA / 2, welchDf([vx, x.length], [vy, y.length])) * Math.sqrt(vx + vy);
  return { estimate, low: estimate - half, high: estimate + half };
}

/** A repeat's improvement over the baseline's mean metrics: minus its composite score. */
function improvementOf(terms: readonly CompositeTerm[], metrics: RawMetrics, centre: RawMetrics): number {
  const score = compositeScore(terms, metrics, centre);
  return score === 0 ? 0 : -score;
}

function meanMetrics(terms: readonly CompositeTerm[], repeats: readonly RawMetrics[]): RawMetrics {
  return Object.fromEntries(terms.map(({ metric }) => [metric, mean(repeats.map((r) => r[metric]))]));
}

function reportsAll(terms: readonly CompositeTerm[]): (metrics: RawMetrics) => boolean {
  return (metrics) => terms.every(({ metric }) => Object.hasOwn(metrics, metric) && Number.isFinite(metrics[metric]));
}
