import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { mean, sampleSd } from '../objective/aggregate-repeats';
import { ALPHA, type Interval } from './interval';
import { welchDf } from './welch-t-test';

/** The ratio of two means with its interval, or why the interval is unbounded. */
export interface RatioInterval extends Interval {
  /**
   * 'bounded': a finite interval; 'unbounded': the denominator's mean is not
   * significantly away from 0 at the interval's level, so the data bound the
   * ratio on neither side and `low`/`high` are -Infinity/Infinity.
   */
  readonly kind: 'bounded' | 'unbounded';
}

/**
 * mean(x) / mean(y) for independent samples, with Fieller's interval: the
 * ratios ρ for which x̄ - ρȳ is not significantly away from 0,
 *
 *   (x̄ - ρȳ)² <= t² (v_x + ρ² v_y),   v = s² / n (the variance of a mean),
 *
 * a quadratic in ρ. With g = t² v_y / ȳ² < 1 (ȳ significantly away from 0)
 * its solutions form the bounded interval
 *
 *   [x̄ȳ ∓ t sqrt(x̄² v_y + ȳ² v_x - t² v_x v_y)] / (ȳ² - t² v_y);
 *
 * with g >= 1 they are the whole line or the outside of an interval: the
 * data do not bound the ratio, and it is reported as unbounded. Fieller's
 * interval is exact for normal means and, unlike the delta method's
 * ρ̂ ± t sqrt(v_x + ρ̂² v_y) / |ȳ| (to which it tends as g → 0), is not
 * symmetric: it widens on the side where ȳ could be near 0. t is Student's
 * at the Welch–Satterthwaite degrees of freedom of x̄ - ρ̂ȳ (the variances
 * v_x and ρ̂² v_y), ρ̂ = x̄ / ȳ. Both samples need at least 2 values; a
 * noiseless pair (v_x = v_y = 0) has the point interval.
 */
export function fiellerRatio(x: readonly number[], y: readonly number[]): RatioInterval {
  const mx = mean(x);
  const my = mean(y);
  const vx = sampleSd(x) ** 2 / x.length;
  const vy = sampleSd(y) ** 2 / y.length;
  const estimate = mx / my;
  if (vx === 0 && vy === 0) return { kind: my === 0 ? 'unbounded' : 'bounded', estimate, low: my === 0 ? -Infinity : estimate, high: my === 0 ? Infinity : estimate };
  const df = welchDf([vx, x.length], [estimate ** 2 * vy, y.length]);
  const t2 = tQuantile(1 - ALPHA / 2, Number.isFinite(df) ? df : x.length + y.length - 2) ** 2;
  const denominator = my * my - t2 * vy;
  if (!(denominator > 0)) return { kind: 'unbounded', estimate, low: -Infinity, high: Infinity };
  const half = Math.sqrt(t2 * (mx * mx * vy + my * my * vx - t2 * vx * vy));
  return { kind: 'bounded', estimate, low: (mx * my - half) / denominator, high: (mx * my + half) / denominator };
}
