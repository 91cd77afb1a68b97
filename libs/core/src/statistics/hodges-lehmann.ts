import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { median } from '../objective/aggregate-repeats';
import { ALPHA, type Interval } from './interval';
import { mannWhitneyPmf, uStandardDeviation } from './mann-whitney-distribution';
import { tieSizes } from './mann-whitney-u';

/**
 * The Hodges–Lehmann estimate of the shift of x over y, the median of the
 * m·n differences x_i - y_j, with its distribution-free interval (Moses;
 * Hollander & Wolfe, Nonparametric Statistical Methods, §4.3): with the
 * differences sorted d_(1) <= ... <= d_(mn), the interval is
 * [d_(k), d_(mn + 1 - k)], where
 * - k is the smallest u with P(U <= u) >= α/2 under the exact null
 *   distribution (at least 1), when `mannWhitneyU` would be exact (one
 *   sample of at most 8, no ties): R's wilcox.test(conf.int = TRUE); its
 *   coverage is 1 - 2 P(U <= k - 1), at least 95%;
 * - otherwise k = floor(m n / 2 - z_{1-α/2} σ), at least 1, with the
 *   tie-corrected σ of the U statistic (an approximation; R solves for the
 *   corrected z numerically instead).
 * Samples too small to reach 95% (3 and 3: P(U = 0) = 1/20) get k = 1, the
 * full range of the differences, which then covers less (90% there).
 */
export function hodgesLehmannShift(x: readonly number[], y: readonly number[]): Interval {
  const differences = x.flatMap((a) => y.map((b) => a - b)).sort((a, b) => a - b);
  const k = lowerOrder(x.length, y.length, [...x, ...y]);
  return { estimate: median(differences), low: differences[k - 1], high: differences[differences.length - k] };
}

/** k, the order of the interval's lower end among the sorted differences (1-based). */
function lowerOrder(m: number, n: number, pooled: readonly number[]): number {
  const ties = tieSizes(pooled);
  if (Math.min(m, n) <= 8 && ties.length === 0) {
    const pmf = mannWhitneyPmf(m, n);
    let cdf = 0;
    for (let u = 0; u < pmf.length; u++) {
      cdf += pmf[u];
      if (cdf >= ALPHA / 2) return Math.max(1, u);
    }
  }
  return Math.max(1, Math.floor((m * n) / 2 - normalQuantile(1 - ALPHA / 2, 0, 1) * uStandardDeviation(m, n, ties)));
}
