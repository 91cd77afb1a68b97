import { cholesky, solveLower, solveUpper, type CholeskyFactor } from '../numerics/cholesky';
import type { GpHyperparameters } from './gp-hyperparameters';
import { matern52DerivR2, scaledSquaredDistance, type GpInputs } from './matern52.kernel';

/** Posterior mean and variance at one point, with their gradients when asked for. */
export interface GpPrediction {
  mean: number;
  variance: number;
}

/**
 * A Gaussian process conditioned on (X, y) for fixed hyperparameters:
 * K = s·Matérn52 + noise·I (+ diag(pointNoise)) factorised once; mean(x) = kᵀK⁻¹y,
 * var(x) = s - kᵀK⁻¹k (clamped at 0).
 */
export class GpModel {
  private readonly factor: CholeskyFactor;
  private readonly alpha: Float64Array;
  private readonly kBuf: Float64Array;
  private readonly vBuf: Float64Array;

  constructor(
    readonly inputs: GpInputs,
    readonly y: Float64Array,
    readonly hyper: GpHyperparameters,
  ) {
    const { n } = inputs;
    const K = new Float64Array(n * n);
    const rho = hyper.inverseSquaredLengthScales;
    const { X, d, categorical } = inputs;
    const s = hyper.signalVariance;
    const { pointNoise } = inputs;
    for (let i = 0; i < n; i++) {
      K[i * n + i] = pointNoise ? s + hyper.noiseVariance + pointNoise[i] : s + hyper.noiseVariance;
      crossKernelRow(X, i, d, rho, s, categorical, K, n);
    }
    this.factor = cholesky(K, n);
    this.alpha = solveUpper(this.factor, solveLower(this.factor, y));
    this.kBuf = new Float64Array(n);
    this.vBuf = new Float64Array(n);
  }

  /** Posterior at x (length d, unit encoding; categorical dims hold the category index). */
  predict(x: ArrayLike<number>): GpPrediction {
    // predictMean leaves the kernel row k(x, X) in kBuf for the variance's solve.
    const mean = this.predictMean(x);
    const { n } = this.inputs;
    const v = solveLower(this.factor, this.kBuf, this.vBuf);
    let vv = 0;
    for (let i = 0; i < n; i++) vv += v[i] * v[i];
    return { mean, variance: Math.max(this.hyper.signalVariance - vv, 0) };
  }

  /** Posterior mean at x alone: O(n·d), without the O(n²) solve the variance needs (sensitivity analysis asks for thousands). */
  predictMean(x: ArrayLike<number>): number {
    const { X, n, d, categorical } = this.inputs;
    const rho = this.hyper.inverseSquaredLengthScales;
    const s = this.hyper.signalVariance;
    const k = this.kBuf;
    let mean = 0;
    // Inlined kernel row: this loop (and predict's solve) is the whole cost of a candidate.
    for (let i = 0, row = 0; i < n; i++, row += d) {
      let r2 = 0;
      for (let l = 0; l < d; l++) {
        const diff = x[l] - X[row + l];
        r2 += categorical[l] ? (diff !== 0 ? rho[l] : 0) : rho[l] * diff * diff;
      }
      const r = Math.sqrt(5 * r2);
      k[i] = s * (1 + r + (5 / 3) * r2) * Math.exp(-r);
      mean += k[i] * this.alpha[i];
    }
    return mean;
  }

  /**
   * Posterior at x with ∂mean/∂x and ∂var/∂x written into `dMean`, `dVar` for the
   * numeric dimensions (categorical entries are left at 0).
   */
  predictWithGradient(x: ArrayLike<number>, dMean: Float64Array, dVar: Float64Array): GpPrediction {
    const { X, n, d, categorical } = this.inputs;
    const rho = this.hyper.inverseSquaredLengthScales;
    const s = this.hyper.signalVariance;
    const k = new Float64Array(n);
    const dk = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const r2 = scaledSquaredDistance(x, 0, X, i * d, rho, categorical);
      const r = Math.sqrt(5 * r2);
      k[i] = s * (1 + r + (5 / 3) * r2) * Math.exp(-r);
      dk[i] = s * matern52DerivR2(r2);
    }
    let mean = 0;
    for (let i = 0; i < n; i++) mean += k[i] * this.alpha[i];
    const v = solveLower(this.factor, k);
    let vv = 0;
    for (let i = 0; i < n; i++) vv += v[i] * v[i];
    const kinvK = solveUpper(this.factor, v);
    dMean.fill(0);
    dVar.fill(0);
    for (let i = 0; i < n; i++) {
      const wm = dk[i] * this.alpha[i];
      const wv = -2 * dk[i] * kinvK[i];
      const row = i * d;
      for (let l = 0; l < d; l++) {
        if (categorical[l]) continue;
        const g = 2 * rho[l] * (x[l] - X[row + l]);
        dMean[l] += wm * g;
        dVar[l] += wv * g;
      }
    }
    return { mean, variance: Math.max(s - vv, 0) };
  }
}

/** Fills the strictly lower part of row i of K. */
function crossKernelRow(
  X: Float64Array, i: number, d: number, rho: Float64Array, s: number, categorical: Uint8Array, K: Float64Array, n: number,
): void {
  for (let j = 0; j < i; j++) {
    const r2 = scaledSquaredDistance(X, i * d, X, j * d, rho, categorical);
    const r = Math.sqrt(5 * r2);
    K[i * n + j] = s * (1 + r + (5 / 3) * r2) * Math.exp(-r);
  }
}
