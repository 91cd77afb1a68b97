/**
 * Draws keys 0..n-1 with P(k) ∝ 1/(k+1)^s (Zipf's law: a few keys are hot,
 * most are cold), from uniforms in [0, 1) that the caller supplies, by a
 * binary search of the cumulative distribution.
 */
export class ZipfSampler {
  private readonly cdf: Float64Array;

  constructor(
    readonly n: number,
    readonly s: number,
  ) {
    this.cdf = new Float64Array(n);
    let total = 0;
    for (let k = 0; k < n; k++) this.cdf[k] = total += 1 / (k + 1) ** s;
    for (let k = 0; k < n; k++) this.cdf[k] /= total;
  }

  /** The key whose cumulative probability first reaches `u`. */
  keyAt(u: number): number {
    let lo = 0;
    let hi = this.n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cdf[mid] < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
