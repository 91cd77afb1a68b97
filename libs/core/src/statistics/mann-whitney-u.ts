import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import { mannWhitneySf, uStandardDeviation } from './mann-whitney-distribution';

/** The Mann–Whitney U (Wilcoxon rank-sum) test of x against y, two-sided. */
export interface MannWhitneyU {
  /** U of x: the pairs (x_i, y_j) with x_i > y_j, ties counting ½ (scipy's `statistic`). */
  readonly u: number;
  readonly p: number;
  /** How p was computed; see `mannWhitneyU`. */
  readonly method: 'exact' | 'asymptotic';
}

/**
 * The Mann–Whitney U test with scipy.stats.mannwhitneyu's defaults
 * (alternative='two-sided', use_continuity=True, method='auto'):
 * - exact when one sample has at most 8 values and no value is tied (in the
 *   two samples together): p = 2 P(U >= max(U_x, U_y)), capped at 1;
 * - otherwise the normal approximation with the tie correction and the
 *   continuity correction:
 *     σ² = m n / 12 · ((N + 1) - Σ(t³ - t) / (N (N - 1))),
 *     z = (max(U_x, U_y) - m n / 2 - ½) / σ,   p = 2 Φ(-z), capped at 1,
 *   t running over the sizes of the groups of tied values, N = m + n.
 * When every value is the same (σ = 0) there is nothing to rank: p = 1.
 * Both samples must be non-empty.
 */
export function mannWhitneyU(x: readonly number[], y: readonly number[]): MannWhitneyU {
  const m = x.length;
  const n = y.length;
  const u = uStatistic(x, y);
  const larger = Math.max(u, m * n - u);
  const ties = tieSizes([...x, ...y]);
  if (Math.min(m, n) <= 8 && ties.length === 0) return { u, p: Math.min(1, 2 * mannWhitneySf(larger, m, n)), method: 'exact' };
  const sigma = uStandardDeviation(m, n, ties);
  if (sigma === 0) return { u, p: 1, method: 'asymptotic' };
  const z = (larger - (m * n) / 2 - 0.5) / sigma;
  return { u, p: Math.min(1, 2 * normalCdf(-z, 0, 1)), method: 'asymptotic' };
}

/** Σ_ij [x_i > y_j] + ½ [x_i = y_j]: equal to R_x - m(m + 1)/2 with mid-ranks. */
function uStatistic(x: readonly number[], y: readonly number[]): number {
  let u = 0;
  for (const a of x) for (const b of y) u += a > b ? 1 : a === b ? 0.5 : 0;
  return u;
}

/** The sizes of the groups of equal values that hold more than one. */
export function tieSizes(values: readonly number[]): number[] {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.values()].filter((c) => c > 1);
}
