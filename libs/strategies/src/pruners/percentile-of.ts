/**
 * The `q`-th percentile (0..100) of `values` by linear interpolation between
 * the closest ranks, as numpy's `percentile` (method 'linear', with its
 * rounding-safe interpolation). NaN values are ignored, as `nanpercentile`;
 * NaN when none is left.
 */
export function percentileOf(values: readonly number[], q: number): number {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const index = ((sorted.length - 1) * q) / 100;
  const lo = Math.floor(index);
  const hi = Math.min(lo + 1, sorted.length - 1);
  const t = index - lo;
  const a = sorted[lo];
  const b = sorted[hi];
  // numpy's _lerp: from the nearer end, so that t = 1 gives b exactly.
  return t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t;
}
