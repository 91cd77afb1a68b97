import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalLogCdf from '@stdlib/stats-base-dists-normal-logcdf';
import normalPdf from '@stdlib/stats-base-dists-normal-pdf';

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/** Standard normal density φ(z). */
export function stdNormalPdf(z: number): number {
  return normalPdf(z, 0, 1);
}

/** log φ(z), exact for any z. */
export function stdNormalLogPdf(z: number): number {
  return -0.5 * z * z - LOG_SQRT_2PI;
}

/** Standard normal distribution function Φ(z). */
export function stdNormalCdf(z: number): number {
  return normalCdf(z, 0, 1);
}

/** log Φ(z), accurate far into the lower tail (log Φ(-40) ≈ -804.608). */
export function stdNormalLogCdf(z: number): number {
  return normalLogCdf(z, 0, 1);
}
