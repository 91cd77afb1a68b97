import type { Rng } from '@attune/core/random/rng';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { logNdtr } from './gauss-mass';

/**
 * One draw from N(mu, sigma²) truncated to [lo, hi] by inverting the CDF, so
 * each draw costs exactly one uniform (keeps streams aligned) and never leaves
 * the interval.
 */
export function sampleTruncatedNormal(rng: Rng, mu: number, sigma: number, lo: number, hi: number): number {
  const u = rng.float();
  if (!(hi > lo)) return lo;
  const a = (lo - mu) / sigma;
  const b = (hi - mu) / sigma;
  // Work on the side of the mean where the CDF keeps its relative precision.
  const flip = a > 0;
  const [lowZ, highZ] = flip ? [-b, -a] : [a, b];
  const pa = Math.exp(logNdtr(lowZ));
  const pb = Math.exp(logNdtr(highZ));
  let z = normalQuantile(pa + u * (pb - pa), 0, 1);
  if (!Number.isFinite(z)) z = u < 0.5 ? lowZ : highZ;
  z = Math.min(highZ, Math.max(lowZ, z));
  const x = mu + sigma * (flip ? -z : z);
  return Math.min(hi, Math.max(lo, x));
}
