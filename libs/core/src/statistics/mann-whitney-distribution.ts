/**
 * The exact null distribution of the Mann–Whitney U statistic for samples of
 * sizes m and n without ties: probabilities P(U = u), u = 0..m·n. Counts by
 * the recurrence f(u; a, b) = f(u - b; a - 1, b) + f(u; a, b - 1) (the
 * largest value belongs to the first sample, adding b to U, or to the
 * second), which only adds, so doubles lose nothing to cancellation. Cost
 * O(m²n²) over the smaller sample: trivial for the sizes where the exact test
 * is used (one sample of at most 8).
 */
export function mannWhitneyPmf(m: number, n: number): number[] {
  const [a, b] = m <= n ? [m, n] : [n, m];
  // row[j] holds f(·; i, j) for the current i and j = 0..b.
  let row: number[][] = Array.from({ length: b + 1 }, () => [1]);
  for (let i = 1; i <= a; i++) {
    const next: number[][] = [[1]];
    for (let j = 1; j <= b; j++) {
      const counts = new Array<number>(i * j + 1).fill(0);
      row[j].forEach((c, u) => (counts[u + j] += c)); // largest in the first sample: f(u - j; i - 1, j)
      next[j - 1].forEach((c, u) => (counts[u] += c)); // largest in the second: f(u; i, j - 1)
      next.push(counts);
    }
    row = next;
  }
  const counts = row[b];
  const total = counts.reduce((sum, c) => sum + c, 0);
  return counts.map((c) => c / total);
}

/** P(U >= u) under the exact null distribution, as scipy's `_MWU.sf` (the mass at u included). */
export function mannWhitneySf(u: number, m: number, n: number): number {
  const pmf = mannWhitneyPmf(m, n);
  let tail = 0;
  for (let k = Math.ceil(u); k < pmf.length; k++) tail += pmf[k];
  return tail;
}

/**
 * The standard deviation of U under the null hypothesis with the tie
 * correction, sqrt(m n / 12 · ((N + 1) - Σ(t³ - t) / (N (N - 1)))), t
 * running over the sizes of the groups of tied values, N = m + n.
 */
export function uStandardDeviation(m: number, n: number, ties: readonly number[]): number {
  const total = m + n;
  const tieTerm = ties.reduce((sum, t) => sum + t ** 3 - t, 0);
  return Math.sqrt(((m * n) / 12) * (total + 1 - tieTerm / (total * (total - 1))));
}
