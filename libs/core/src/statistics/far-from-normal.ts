import { mean, median } from '../objective/aggregate-repeats';

/**
 * Why a small sample looks too far from normal for a t-test, or undefined
 * when nothing says so. With 5 or so values a normality test (Shapiro–Wilk)
 * has almost no power, so two cheap signs of what breaks a t-test are
 * checked instead, each at a threshold that a normal sample rarely crosses:
 *
 * - an outlier: a value whose modified z-score 0.6745 |x - median| / MAD
 *   exceeds 3.5 (Iglewicz & Hoaglin, 1993; MAD the median absolute
 *   deviation; when MAD is 0, as when most repeats read the same, the mean
 *   absolute deviation · 1.253314 estimates σ instead, the mean absolute
 *   deviation of a normal sample being 0.7979 σ) — one slow run in five, a
 *   GC pause or a cold cache, is what a benchmark's repeats typically suffer;
 * - skewness: the adjusted Fisher–Pearson coefficient G₁ beyond twice its
 *   standard error sqrt(6n(n - 1) / ((n - 2)(n + 1)(n + 3))) (0.91 for
 *   n = 5), about a 5% test of symmetry.
 *
 * Needs at least 3 values (G₁ is undefined below); a constant sample is
 * not far from normal (it has no shape).
 */
export function farFromNormal(values: readonly number[]): string | undefined {
  if (values.length < 3) return undefined;
  const outlier = outlierOf(values);
  if (outlier !== undefined) return `${outlier} is an outlier (modified z-score above ${OUTLIER_Z})`;
  const g1 = skewness(values);
  const limit = 2 * skewnessStandardError(values.length);
  if (Math.abs(g1) > limit) return `skewness ${g1.toPrecision(3)} is beyond ±${limit.toPrecision(3)}`;
  return undefined;
}

const OUTLIER_Z = 3.5;

/** The value with the largest modified z-score above `OUTLIER_Z`, if any. */
function outlierOf(values: readonly number[]): number | undefined {
  const centre = median(values);
  const deviations = values.map((v) => Math.abs(v - centre));
  const mad = median(deviations);
  const scale = mad > 0 ? mad / 0.6745 : 1.253314 * mean(deviations);
  if (scale === 0) return undefined;
  let worst: number | undefined;
  let worstZ = OUTLIER_Z;
  values.forEach((v, i) => {
    const z = deviations[i] / scale;
    if (z > worstZ) [worst, worstZ] = [v, z];
  });
  return worst;
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
