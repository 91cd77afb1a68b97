import { stdNormalCdf } from '../numerics/normal';

/** Samples above which the test is asymptotic whatever the data (scipy's). */
const EXACT_MAX = 50;
/** Samples up to which ties or zeros are handled by enumerating every sign flip (2^13 < scipy's 9999 resamples). */
const PERMUTATION_MAX = 13;

export interface SignedRankTest {
  /** W+: the sum of the ranks of |d| of the positive differences, plus half the ranks of the zeros (zsplit). */
  readonly statistic: number;
  /** P(W+ ≥ statistic) when the differences are symmetric around zero: small when they are mostly positive. */
  readonly pValue: number;
  readonly method: 'exact' | 'permutation' | 'asymptotic';
}

/**
 * The one-sided Wilcoxon signed-rank test that the differences `d` are
 * greater than zero, as scipy.stats.wilcoxon(d, alternative='greater',
 * zero_method='zsplit') (scipy 1.17, method 'auto', no continuity
 * correction): the exact null distribution up to 50 differences without
 * ties or zeros; with ties or zeros, every sign flip enumerated up to 13
 * differences, else the normal approximation with the tie correction (zeros
 * are ranked and tied like any value under zsplit). NaN for no differences.
 */
export function wilcoxonSignedRank(d: readonly number[]): SignedRankTest {
  const n = d.length;
  if (n === 0) return { statistic: Number.NaN, pValue: Number.NaN, method: 'exact' };
  const { ranks, tieSizes } = averageRanks(d.map(Math.abs));
  const statistic = positiveRankSum(d, ranks);
  const hasTies = tieSizes.some((t) => t > 1);
  const hasZeros = d.some((x) => x === 0);
  if (n <= EXACT_MAX && !hasTies && !hasZeros) return { statistic, pValue: exactSf(Math.floor(statistic), n), method: 'exact' };
  if (n <= PERMUTATION_MAX) return { statistic, pValue: signFlipSf(d, ranks, statistic), method: 'permutation' };
  const mean = (n * (n + 1)) / 4;
  const tieCorrection = tieSizes.reduce((s, t) => s + t ** 3 - t, 0);
  const sd = Math.sqrt((n * (n + 1) * (2 * n + 1) - tieCorrection / 2) / 24);
  return { statistic, pValue: stdNormalCdf(-(statistic - mean) / sd), method: 'asymptotic' };
}

/** W+ under zsplit: the positive differences' ranks, and half of the zeros'. */
function positiveRankSum(d: readonly number[], ranks: readonly number[]): number {
  return d.reduce((s, x, i) => s + (x > 0 ? ranks[i] : x === 0 ? ranks[i] / 2 : 0), 0);
}

/** Ranks 1..n with ties given their average rank, and the size of each group of ties. */
function averageRanks(values: readonly number[]): { ranks: number[]; tieSizes: number[] } {
  const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
  const ranks = new Array<number>(values.length);
  const tieSizes: number[] = [];
  for (let start = 0; start < order.length; ) {
    let end = start + 1;
    while (end < order.length && values[order[end]] === values[order[start]]) end++;
    for (let k = start; k < end; k++) ranks[order[k]] = (start + end + 1) / 2;
    tieSizes.push(end - start);
    start = end;
  }
  return { ranks, tieSizes };
}

/** P(W+ ≥ k) for n untied, non-zero differences: each subset of the ranks 1..n is equally likely. */
function exactSf(k: number, n: number): number {
  const max = (n * (n + 1)) / 2;
  const counts = new Float64Array(max + 1);
  counts[0] = 1;
  for (let rank = 1; rank <= n; rank++) for (let w = max; w >= rank; w--) counts[w] += counts[w - rank];
  let tail = 0;
  for (let w = Math.max(k, 0); w <= max; w++) tail += counts[w];
  return tail / 2 ** n;
}

/** The share of the 2^n sign flips of `d` whose W+ is at least the observed one (scipy's permutation_test, with its relative tolerance). */
function signFlipSf(d: readonly number[], ranks: readonly number[], observed: number): number {
  const n = d.length;
  const threshold = observed - Math.abs(1e-14 * observed);
  let atLeast = 0;
  for (let mask = 0; mask < 2 ** n; mask++) {
    const flipped = d.map((x, i) => (mask & (1 << i) ? -x : x));
    if (positiveRankSum(flipped, ranks) >= threshold) atLeast++;
  }
  return atLeast / 2 ** n;
}
