import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { mean, sampleSd } from '../objective/aggregate-repeats';
import { ALPHA } from './interval';

/**
 * Why a small sample looks too far from normal for a t-test, or undefined
 * when nothing says so. With 5 or so values a test of normality as a whole
 * (Shapiro–Wilk) has little power, so the two departures that break a
 * t-test on benchmark repeats are tested instead, each at 5% (a normal
 * sample of 5 is flagged 5% of the time: on so few values the two mostly
 * flag the same samples):
 *
 * - an outlier, by Grubbs' test: G = max |x - x̄| / s above
 *   (n - 1)/√n · sqrt(t² / (n - 2 + t²)), t = t_{1 - α/(2n); n - 2} — one
 *   slow run in five (a GC pause, a cold cache) is what repeats typically
 *   suffer;
 * - skewness: the adjusted Fisher–Pearson coefficient G₁ beyond twice its
 *   standard error sqrt(6n(n - 1) / ((n - 2)(n + 1)(n + 3))) (0.91 for
 *   n = 5).
 *
 * Rejected alternative: the modified z-score above 3.5 (Iglewicz & Hoaglin),
 * which on samples of 5 normal values flags 21% of them (its MAD is the
 * median of five deviations, one of them 0).
 *
 * Needs at least 3 values (both statistics are undefined below); a constant
 * sample is not far from normal (it has no shape).
 */
export function farFromNormal(values: readonly number[]): string | undefined {
  if (values.length < 3) return undefined;
  const outlier = grubbsOutlier(values);
  if (outlier !== undefined) return `${outlier} is an outlier (Grubbs' test at 5%)`;
  const g1 = skewness(values);
  const limit = 2 * skewnessStandardError(values.length);
  if (Math.abs(g1) > limit) return `skewness ${g1.toPrecision(3)} is beyond ±${limit.toPrecision(3)}`;
  return undefined;
}

/** The value farthest from the mean when Grubbs' two-sided test at `ALPHA` finds it an outlier. */
function grubbsOutlier(values: readonly number[]): number | undefined {
  const sd = sampleSd(values);
  if (sd === 0) return undefined;
  const centre = mean(values);
  const farthest = values.reduce((a, v) => (Math.abs(v - centre) > Math.abs(a - centre) ? v : a));
  return Math.abs(farthest - centre) / sd > grubbsCritical(values.length) ? farthest : undefined;
}

/** Grubbs' critical value of G for n values, two-sided at `ALPHA`. */
export function grubbsCritical(n: number): number {
  const t = tQuantile(1 - ALPHA / (2 * n), n - 2);
  return ((n - 1) / Math.sqrt(n)) * Math.sqrt((t * t) / (n - 2 + t * t));
}

/** The adjusted Fisher–Pearson skewness G₁ = sqrt(n(n - 1)) / (n - 2) · m₃ / m₂^{3/2} (scipy.stats.skew(bias=False)); 0 for a constant sample. */
export function skewness(values: readonly number[]): number {
  const n = values.length;
  const m = mean(values);
  const m2 = values.reduce((sum, v) => sum + (v - m) ** 2, 0) / n;
  if (m2 === 0) return 0;
  const m3 = values.reduce((sum, v) => sum + (v - m) ** 3, 0) / n;
  return ((Math.sqrt(n * (n - 1)) / (n - 2)) * m3) / m2 ** 1.5;
}

function skewnessStandardError(n: number): number {
  return Math.sqrt((6 * n * (n - 1)) / ((n - 2) * (n + 1) * (n + 3)));
}
