import tCdf from '@stdlib/stats-base-dists-t-cdf';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { mean, sampleSd } from '../objective/aggregate-repeats';
import { CONFIDENCE, type Interval } from './interval';

/** Welch's unequal-variances t-test of mean(x) - mean(y) = 0, two-sided. */
export interface WelchTTest {
  readonly t: number;
  /** Welch–Satterthwaite degrees of freedom. */
  readonly df: number;
  readonly p: number;
  /** mean(x) - mean(y) with its `CONFIDENCE` interval. */
  readonly difference: Interval;
}

/**
 * Welch's t-test, as scipy.stats.ttest_ind(x, y, equal_var=False):
 *
 *   se² = s_x²/n_x + s_y²/n_y,   t = (x̄ - ȳ) / se,
 *   df  = se⁴ / ((s_x²/n_x)²/(n_x - 1) + (s_y²/n_y)²/(n_y - 1)),
 *   p   = 2 F_t(-|t|; df),   CI = x̄ - ȳ ± t_{0.975; df} se.
 *
 * Undefined (returns undefined) when either sample has fewer than 2 values:
 * there is no variance to test against. When both samples are constant
 * (se = 0, a noiseless target) there is no noise to weigh the difference
 * against: the difference is taken as exact, p = 0 when the means differ and
 * p = 1 when they are equal, and the interval is the point (scipy returns NaN).
 */
export function welchTTest(x: readonly number[], y: readonly number[]): WelchTTest | undefined {
  if (x.length < 2 || y.length < 2) return undefined;
  const vx = sampleSd(x) ** 2 / x.length;
  const vy = sampleSd(y) ** 2 / y.length;
  const estimate = mean(x) - mean(y);
  const se2 = vx + vy;
  if (se2 === 0) return { t: estimate === 0 ? 0 : Math.sign(estimate) * Infinity, df: x.length + y.length - 2, p: estimate === 0 ? 1 : 0, difference: { estimate, low: estimate, high: estimate } };
  const se = Math.sqrt(se2);
  const df = welchDf([vx, x.length], [vy, y.length]);
  const t = estimate / se;
  const half = tQuantile(1 - (1 - CONFIDENCE) / 2, df) * se;
  return { t, df, p: Math.min(1, 2 * tCdf(-Math.abs(t), df)), difference: { estimate, low: estimate - half, high: estimate + half } };
}

/**
 * Welch–Satterthwaite degrees of freedom of a sum of independent variance
 * parts, each given as [its variance (of the mean), its sample size].
 */
export function welchDf(...parts: readonly (readonly [number, number])[]): number {
  const total = parts.reduce((sum, [v]) => sum + v, 0);
  const denominator = parts.reduce((sum, [v, n]) => sum + (v * v) / (n - 1), 0);
  return (total * total) / denominator;
}

