/**
 * Bandwidths of the numeric kernels, in unit coordinates (domain [0, 1]),
 * following Optuna's rules.
 */

/** Scott-like shared bandwidth of multivariate TPE: 0.2 · n^(-1/(d+4)). */
export function multivariateSigma(observations: number, dimensions: number): number {
  return 0.2 * Math.max(observations, 1) ** (-1 / (dimensions + 4));
}

/**
 * Univariate rule: each kernel's bandwidth is the larger gap to its neighbours
 * among the sorted observations, the prior's mean (0.5) and the domain ends;
 * the outermost kernels ignore the domain ends (Optuna's consider_endpoints=false).
 */
export function neighbourSigmas(mus: readonly number[]): number[] {
  const withPrior = [...mus, 0.5];
  const order = withPrior.map((_, i) => i).sort((a, b) => withPrior[a] - withPrior[b] || a - b);
  const sorted = [0, ...order.map((i) => withPrior[i]), 1];
  const m = withPrior.length;
  const sortedSigmas = new Array<number>(m);
  for (let i = 1; i <= m; i++) sortedSigmas[i - 1] = Math.max(sorted[i] - sorted[i - 1], sorted[i + 1] - sorted[i]);
  if (sorted.length >= 4) {
    sortedSigmas[0] = sorted[2] - sorted[1];
    sortedSigmas[m - 1] = sorted[m] - sorted[m - 1];
  }
  const sigmas = new Array<number>(m);
  order.forEach((original, rank) => (sigmas[original] = sortedSigmas[rank]));
  return sigmas.slice(0, mus.length);
}

/** Optuna's "magic clip": no kernel narrower than 1 / min(100, n + 2) of the domain, none wider than it. */
export function clipSigma(sigma: number, observations: number, magicClip: boolean): number {
  const min = magicClip ? 1 / Math.min(100, observations + 2) : 1e-12;
  return Math.min(1, Math.max(min, sigma));
}
