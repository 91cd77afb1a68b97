/**
 * Log-space Gaussian masses for the Parzen kernels. The complementary error
 * function uses the Chebyshev fit of Numerical Recipes (`erfcc`, relative error
 * below 1.2e-7 everywhere), written as erfc(z) = t·exp(-z² + P(t)) so that its
 * logarithm never underflows in the far tails.
 */

const LOG_HALF = Math.log(0.5);
const SQRT1_2 = Math.SQRT1_2;
/** log(√(2π)). */
export const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/** log erfc(z) for z ≥ 0. */
function logErfcNonNegative(z: number): number {
  const t = 1 / (1 + 0.5 * z);
  const p =
    -1.26551223 +
    t *
      (1.00002368 +
        t *
          (0.37409196 +
            t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  return Math.log(t) - z * z + p;
}

/** Φ(x) for x ≤ 0 (one exp, full relative precision in the lower tail). */
function ndtrNonPositive(x: number): number {
  return 0.5 * Math.exp(logErfcNonNegative(-x * SQRT1_2));
}

/** log Φ(x), the log of the standard normal CDF, accurate in both tails. */
export function logNdtr(x: number): number {
  if (x < 0) return LOG_HALF + logErfcNonNegative(-x * SQRT1_2);
  return Math.log1p(-0.5 * Math.exp(logErfcNonNegative(x * SQRT1_2)));
}

/** log(exp(la) - exp(lb)) for la ≥ lb. */
function logDiffExp(la: number, lb: number): number {
  if (lb === -Infinity) return la;
  return la + Math.log1p(-Math.exp(lb - la));
}

/** log(Φ(b) - Φ(a)) for a ≤ b, without cancellation in either tail. */
export function logGaussMass(a: number, b: number): number {
  if (!(b > a)) return -Infinity;
  if (b <= 0) return logDiffExp(logNdtr(b), logNdtr(a));
  if (a >= 0) return logDiffExp(logNdtr(-a), logNdtr(-b));
  // Straddling zero: mass = 1 - Φ(a) - Φ(-b), both terms at most 1/2.
  return Math.log1p(-ndtrNonPositive(a) - ndtrNonPositive(-b));
}

/**
 * log of the standard normal mass of the cell [a, b]. Narrow cells (width at
 * most 1/4, the common case for ints with many levels) use Simpson's rule in
 * log space, which is exact to ~1e-6 and avoids subtracting nearly equal CDFs;
 * cells under 1/100 wide use the corrected midpoint rule (no exp, same accuracy).
 */
export function logCellMass(a: number, b: number): number {
  const w = b - a;
  if (!(w > 0)) return -Infinity;
  if (w > 0.25) return logGaussMass(a, b);
  const m = 0.5 * (a + b);
  const m2 = m * m;
  // Very narrow cells: midpoint rule with its second-order correction, φ(m)·w·(1 + w²(m² − 1)/24).
  if (w < 0.01) return -0.5 * m2 - LOG_SQRT_2PI + Math.log(w) + (w * w * (m2 - 1)) / 24;
  const ra = Math.exp(-0.5 * (a * a - m2));
  const rb = Math.exp(-0.5 * (b * b - m2));
  return -0.5 * m2 - LOG_SQRT_2PI + Math.log((w * (ra + 4 + rb)) / 6);
}
