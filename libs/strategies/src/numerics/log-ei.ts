import { stdNormalCdf, stdNormalLogCdf, stdNormalLogPdf, stdNormalPdf } from './normal';

/** Below this z, h(z) = φ(z) + zΦ(z) cancels badly and the asymptotic series takes over. */
const ASYMPTOTIC_BELOW = -25;
const SERIES_TERMS = 12;

/**
 * log h(z) where h(z) = φ(z) + z·Φ(z) = E[max(0, Z + z)], Z ~ N(0, 1): the
 * standardised expected improvement (Ament et al. 2023, "Unexpected
 * improvements to expected improvement", log-h). Direct for z ≥ -25; below,
 * h(z) = φ(z)·Σₖ (-1)^(k+1) (2k-1)!! / z^(2k), whose terms fall fast when
 * z² ≥ 625, so log h stays accurate to z = -1e6 and beyond instead of
 * underflowing to -Infinity.
 */
export function logH(z: number): number {
  if (z >= ASYMPTOTIC_BELOW) {
    // For -25 ≤ z < 0 the cancellation costs about z²·ε, below 1e-13 relative.
    return Math.log(stdNormalPdf(z) + z * stdNormalCdf(z));
  }
  return stdNormalLogPdf(z) + logAsymptoticRatio(z);
}

/** log(h(z)/φ(z)) for very negative z by the asymptotic series in 1/z². */
function logAsymptoticRatio(z: number): number {
  const inv2 = 1 / (z * z);
  // h/φ = inv2 · (1 - 3·inv2 + 15·inv2² - ...): sum the bracket.
  let term = 1;
  let sum = 1;
  for (let k = 2; k <= SERIES_TERMS; k++) {
    term *= -(2 * k - 1) * inv2;
    sum += term;
  }
  return Math.log(inv2) + Math.log(sum);
}

/**
 * d/dz log h(z) = Φ(z) / h(z), computed in log space so that it stays finite
 * (≈ |z| for very negative z, ≈ 1/z for large positive z).
 */
export function logHDerivative(z: number): number {
  if (z > -5) return stdNormalCdf(z) / Math.exp(logH(z));
  if (z >= ASYMPTOTIC_BELOW) return Math.exp(stdNormalLogCdf(z) - logH(z));
  // Φ(z)/h(z) = |z|·(1 - 1/z² + 3/z⁴ - ...)/(1 - 3/z² + 15/z⁴ - ...): both series from Mills' ratio.
  const inv2 = 1 / (z * z);
  let a = 1;
  let termA = 1;
  let b = 1;
  let termB = 1;
  for (let k = 1; k < SERIES_TERMS; k++) {
    termA *= -(2 * k - 1) * inv2;
    termB *= -(2 * k + 1) * inv2;
    a += termA;
    b += termB;
  }
  return -z * (a / b);
}

/**
 * log expected improvement below `best` (minimisation) for a Gaussian
 * prediction N(mean, variance): log σ + log h((best - mean) / σ).
 */
export function logExpectedImprovement(mean: number, variance: number, best: number): number {
  const sigma = Math.sqrt(Math.max(variance, 1e-300));
  return Math.log(sigma) + logH((best - mean) / sigma);
}
