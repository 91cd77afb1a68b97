import { mean, median } from '../objective/aggregate-repeats';
import type { Direction } from '../trial/trial-view';
import { fiellerRatio } from '../statistics/fieller-ratio';
import { hodgesLehmannShift } from '../statistics/hodges-lehmann';
import type { Interval } from '../statistics/interval';
import { isSignificant, relativeOf, testsOf, type Comparison } from './comparison';

/** No relative improvement: the baseline's centre is 0. */
const UNBOUNDED = { estimate: NaN, low: -Infinity, high: Infinity };

/**
 * Compares one metric's re-measurements of a candidate with the baseline's;
 * undefined when either sample has fewer than 2 values (no variance).
 *
 * The improvement is relative to the baseline, positive is better:
 * (b - m)/|b| when minimising, (m - b)/|b| when maximising, of
 * - the means, when Welch's t-test is used: it is ±(ρ - 1) for the ratio
 *   ρ = m̄/b̄, so its interval is Fieller's for ρ (`fiellerRatio`), which
 *   carries the baseline's own uncertainty; when the baseline's mean is not
 *   significantly away from 0 the interval is unbounded and the comparison
 *   is not significant (a relative change from "maybe 0" means nothing; the
 *   note says so);
 * - the Hodges–Lehmann shift of m over b divided by the baseline's median,
 *   when the rank test is used (a sample far from normal: its mean is what
 *   an outlier moves), the interval that of the shift over the same median
 *   (the median taken as exact: the shift's interval already carries both
 *   samples' spread, and the interval excludes 0 exactly when the shift's
 *   does, which is what significance asks).
 */
export function compareMetric(direction: Direction, candidate: readonly number[], baseline: readonly number[]): Comparison | undefined {
  const tests = testsOf(candidate, baseline);
  if (!tests) return undefined;
  const sign: Sign = direction === 'maximize' ? 1 : -1;
  const count = { candidate: candidate.length, baseline: baseline.length };
  const { welch, rank, test, why } = tests;
  const p = test === 'rank' ? rank.p : welch.p;
  const { improvement, note } = test === 'rank' ? shiftImprovement(candidate, baseline, sign, why) : meansImprovement(candidate, baseline, sign);
  return { improvement, welch, rank, test, p, significant: isSignificant(improvement, p), count, ...(note && { note }) };
}

type Sign = 1 | -1;

/** ±(ρ - 1) with Fieller's interval for ρ = m̄/b̄: (ρ - 1) sign(b̄) is (m̄ - b̄)/|b̄|. */
function meansImprovement(candidate: readonly number[], baseline: readonly number[], sign: Sign): { improvement: Interval; note?: string } {
  const ratio = fiellerRatio(candidate, baseline);
  const oriented = (mean(baseline) < 0 ? -sign : sign) as Sign;
  const improvement = relativeOf({ estimate: ratio.estimate - 1, low: ratio.low - 1, high: ratio.high - 1 }, oriented, 1);
  if (ratio.kind === 'bounded') return { improvement };
  return { improvement, note: "the baseline's mean is not significantly away from 0: no relative improvement can be bounded" };
}

/** The Hodges–Lehmann shift over |the baseline's median|. */
function shiftImprovement(candidate: readonly number[], baseline: readonly number[], sign: Sign, why: string | undefined): { improvement: Interval; note?: string } {
  const centre = median(baseline);
  if (centre === 0) return { improvement: UNBOUNDED, note: `${why}; the baseline's median is 0: no relative improvement` };
  return { improvement: relativeOf(hodgesLehmannShift(candidate, baseline), sign, centre), ...(why && { note: why }) };
}
