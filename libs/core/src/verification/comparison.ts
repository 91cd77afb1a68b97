import { farFromNormal } from '../statistics/far-from-normal';
import { ALPHA, type Interval } from '../statistics/interval';
import { mannWhitneyU, type MannWhitneyU } from '../statistics/mann-whitney-u';
import { welchTTest, type WelchTTest } from '../statistics/welch-t-test';

/**
 * How a candidate's re-measurements compare with the baseline's, for one
 * metric or for the score.
 */
export interface Comparison {
  /**
   * The relative improvement over the baseline, positive is better (as
   * `improvementPerMetric` orients it), with its 95% interval. From the
   * means when the t-test is the one used, from the Hodges–Lehmann shift
   * when the rank test is (see `compareMetric`). `low`/`high` are infinite
   * when the data cannot bound it (`unbounded`).
   */
  readonly improvement: Interval;
  /** Welch's t-test of the two samples. */
  readonly welch: Pick<WelchTTest, 't' | 'df' | 'p'>;
  /** The Mann–Whitney U test of the same samples. */
  readonly rank: MannWhitneyU;
  /** The test whose p-value and interval are reported: the rank test when either sample is far from normal (`farFromNormal`). */
  readonly test: 'welch' | 'rank';
  /** The p-value of the test used. */
  readonly p: number;
  /** The interval lies above 0 (better than the baseline) and p < 0.05. */
  readonly significant: boolean;
  readonly count: { readonly candidate: number; readonly baseline: number };
  /** Why the rank test was used, or why the improvement is unbounded; absent when neither. */
  readonly note?: string;
}

/** Both tests of the two samples, which of them to report and why; undefined when either has fewer than 2 values. */
export interface Tests extends Pick<Comparison, 'welch' | 'rank' | 'test'> {
  /** Why the rank test is the one reported (`farFromNormal` of either sample). */
  readonly why?: string;
}

/** Both tests, and which of them to report: Welch's unless either sample is far from normal. */
export function testsOf(candidate: readonly number[], baseline: readonly number[]): Tests | undefined {
  const welch = welchTTest(candidate, baseline);
  if (!welch) return undefined;
  const odd = farFromNormal(candidate);
  const why = odd ? `the candidate's sample is far from normal: ${odd}` : oddBaseline(baseline);
  const rank = mannWhitneyU(candidate, baseline);
  return { welch: { t: welch.t, df: welch.df, p: welch.p }, rank, test: why ? 'rank' : 'welch', ...(why && { why }) };
}

/** Significant: the improvement's interval excludes 0 on the better side and the test used rejects at 5%. */
export function isSignificant(improvement: Interval, p: number): boolean {
  return improvement.low > 0 && p < ALPHA;
}

/** An interval of candidate - baseline turned into a relative improvement: oriented so that positive is better, divided by |scale|. */
export function relativeOf(difference: Interval, sign: 1 | -1, scale: number): Interval {
  const size = Math.abs(scale);
  const [low, high] = sign === 1 ? [difference.low, difference.high] : [-difference.high, -difference.low];
  return { estimate: (sign * difference.estimate) / size, low: low / size, high: high / size };
}

function oddBaseline(baseline: readonly number[]): string | undefined {
  const odd = farFromNormal(baseline);
  return odd && `the baseline's sample is far from normal: ${odd}`;
}
