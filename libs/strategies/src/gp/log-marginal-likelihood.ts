import { cholesky, choleskyInverse, choleskySolve } from '../numerics/cholesky';
import { logPriorWithGradient, MINIMUM_NOISE } from './gp-hyperparameters';
import { matern52, matern52DerivR2, type GpInputs } from './matern52.kernel';

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * The negative log posterior of the hyperparameters, -(log p(y | X, θ) + log prior(θ)),
 * and its gradient in θ (see `toRaw`), for the minimiser. Per-pair, per-dimension
 * squared differences are computed once, so an evaluation costs one kernel build
 * (n²d/2), one Cholesky and inverse (n³) and one gradient pass (n²d/2).
 * Known per-point noise (`inputs.pointNoise`) sits on the diagonal unfitted:
 * the fitted noise is what the measurements' own spread does not explain.
 */
export class NegativeLogPosterior {
  private readonly pairDiffs: Float64Array;
  private readonly pairs: number;

  constructor(
    private readonly inputs: GpInputs,
    private readonly y: Float64Array,
  ) {
    const { X, n, d, categorical } = inputs;
    this.pairs = (n * (n - 1)) / 2;
    this.pairDiffs = new Float64Array(this.pairs * d);
    let p = 0;
    for (let i = 1; i < n; i++) {
      for (let j = 0; j < i; j++, p++) {
        for (let l = 0; l < d; l++) {
          const diff = X[i * d + l] - X[j * d + l];
          this.pairDiffs[p * d + l] = categorical[l] ? (diff !== 0 ? 1 : 0) : diff * diff;
        }
      }
    }
  }

  /** Value at θ; writes the gradient into `grad`. */
  readonly evaluate = (raw: Float64Array, grad: Float64Array): number => {
    const { n, d } = this.inputs;
    const s = Math.exp(raw[d]);
    const noiseExp = Math.exp(raw[d + 1]);
    const noise = 0.99 * MINIMUM_NOISE + noiseExp;
    const rho = raw.subarray(0, d).map(Math.exp);
    const r2 = this.pairR2(rho);
    const K = new Float64Array(n * n);
    const { pointNoise } = this.inputs;
    for (let i = 0, p = 0; i < n; i++) {
      K[i * n + i] = pointNoise ? s + noise + pointNoise[i] : s + noise;
      for (let j = 0; j < i; j++, p++) K[i * n + j] = s * matern52(r2[p]);
    }
    const f = cholesky(K, n);
    const alpha = choleskySolve(f, this.y);
    let quad = 0;
    let logDetHalf = 0;
    for (let i = 0; i < n; i++) {
      quad += this.y[i] * alpha[i];
      logDetHalf += Math.log(f.L[i * n + i]);
    }
    const lml = -0.5 * quad - logDetHalf - n * HALF_LOG_2PI;
    grad.fill(0);
    this.lmlGradient(choleskyInverse(f), alpha, r2, rho, s, noiseExp, grad);
    const lp = logPriorWithGradient(raw, grad);
    for (let k = 0; k < grad.length; k++) grad[k] = -grad[k];
    return -(lml + lp);
  };

  private pairR2(rho: Float64Array): Float64Array {
    const d = this.inputs.d;
    const r2 = new Float64Array(this.pairs);
    const diffs = this.pairDiffs;
    for (let p = 0; p < this.pairs; p++) {
      let v = 0;
      const off = p * d;
      for (let l = 0; l < d; l++) v += rho[l] * diffs[off + l];
      r2[p] = v;
    }
    return r2;
  }

  /** ∂lml/∂θ = ½·tr((ααᵀ - K⁻¹)·∂K/∂θ), accumulated into `grad`. */
  private lmlGradient(
    Kinv: Float64Array, alpha: Float64Array, r2: Float64Array, rho: Float64Array, s: number, noiseExp: number, grad: Float64Array,
  ): void {
    const { n, d } = this.inputs;
    let trace = 0;
    let signal = 0;
    for (let i = 0; i < n; i++) {
      const w = alpha[i] * alpha[i] - Kinv[i * n + i];
      trace += w;
      signal += 0.5 * w * s;
    }
    const diffs = this.pairDiffs;
    for (let i = 1, p = 0; i < n; i++) {
      for (let j = 0; j < i; j++, p++) {
        const w = alpha[i] * alpha[j] - Kinv[i * n + j];
        signal += w * s * matern52(r2[p]);
        const m = w * s * matern52DerivR2(r2[p]);
        const off = p * d;
        for (let l = 0; l < d; l++) grad[l] += m * diffs[off + l];
      }
    }
    for (let l = 0; l < d; l++) grad[l] *= rho[l];
    grad[d] += signal;
    grad[d + 1] += 0.5 * noiseExp * trace;
  }
}
