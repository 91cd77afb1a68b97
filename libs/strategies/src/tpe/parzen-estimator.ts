import type { Rng } from '@attune/core/random/rng';
import { LOG_SQRT_2PI, logCellMass, logGaussMass } from './gauss-mass';
import { clipSigma, multivariateSigma, neighbourSigmas } from './kernel-bandwidth';
import type { TpeDimension } from './tpe-dimension';
import { sampleTruncatedNormal } from './truncated-normal';

/** How the kernels are shaped (Optuna's `_ParzenEstimatorParameters`). */
export interface ParzenSettings {
  /** Weight of the prior kernel (a wide kernel at the centre, uniform over categories). */
  readonly priorWeight: number;
  /** Floor the bandwidths at 1 / min(100, n + 2) of the domain. */
  readonly magicClip: boolean;
  /** `scott`: one shared width per dimension (Optuna's multivariate rule); `neighbour`: the gap rule per kernel. */
  readonly bandwidth: 'neighbour' | 'scott';
}

interface NumericColumn {
  readonly dim: number;
  readonly discrete: TpeDimension | undefined;
  readonly mu: Float64Array;
  readonly sigma: Float64Array;
  readonly invSigma: Float64Array;
}

interface CategoricalColumn {
  readonly dim: number;
  readonly choices: number;
  /** log probability of each choice under each kernel, kernel-major. */
  readonly logProb: Float64Array;
}

/**
 * A mixture of product kernels: one kernel per observation plus a prior, each
 * a product over dimensions of a truncated normal on [0, 1] (its cell mass for
 * discrete parameters) or a categorical distribution. Rows are estimator
 * coordinates (see `encodeValue`); `weights` has one entry per row.
 */
export class ParzenEstimator {
  private readonly logWeightBase: Float64Array;
  private readonly cumulative: Float64Array;
  private readonly scratch: Float64Array;

  private constructor(
    readonly kernels: number,
    private readonly dims: readonly TpeDimension[],
    private readonly numeric: readonly NumericColumn[],
    private readonly categorical: readonly CategoricalColumn[],
    weights: Float64Array,
  ) {
    this.cumulative = new Float64Array(kernels);
    this.logWeightBase = new Float64Array(kernels);
    let acc = 0;
    for (let k = 0; k < kernels; k++) {
      acc += weights[k];
      this.cumulative[k] = acc;
      this.logWeightBase[k] = Math.log(weights[k]);
    }
    for (const col of numeric) {
      for (let k = 0; k < kernels; k++) {
        const logZ = logGaussMass(-col.mu[k] * col.invSigma[k], (1 - col.mu[k]) * col.invSigma[k]);
        this.logWeightBase[k] -= col.discrete ? logZ : logZ + Math.log(col.sigma[k]) + LOG_SQRT_2PI;
      }
    }
    this.scratch = new Float64Array(kernels);
  }

  static fit(
    dims: readonly TpeDimension[],
    rows: readonly Float64Array[],
    weights: readonly number[],
    settings: ParzenSettings,
  ): ParzenEstimator {
    const n = rows.length;
    const kernels = n + 1;
    const w = new Float64Array(kernels);
    for (let i = 0; i < n; i++) w[i] = weights[i];
    w[n] = n === 0 ? 1 : settings.priorWeight;
    const total = w.reduce((s, v) => s + v, 0);
    for (let k = 0; k < kernels; k++) w[k] /= total;
    const numeric: NumericColumn[] = [];
    const categorical: CategoricalColumn[] = [];
    dims.forEach((dim, j) => {
      if (dim.kind === 'categorical') categorical.push(categoricalColumn(j, dim.choices, rows, settings.priorWeight));
      else numeric.push(numericColumn(j, dim, rows, dims.length, settings));
    });
    return new ParzenEstimator(kernels, dims, numeric, categorical, w);
  }

  /** Draws `count` rows: a kernel by weight, then each dimension from that kernel. */
  sample(rng: Rng, count: number): Float64Array[] {
    const out: Float64Array[] = [];
    for (let s = 0; s < count; s++) {
      const u = rng.float() * this.cumulative[this.kernels - 1];
      let k = 0;
      while (k < this.kernels - 1 && this.cumulative[k] <= u) k++;
      const row = new Float64Array(this.dims.length);
      for (const col of this.numeric) row[col.dim] = sampleTruncatedNormal(rng, col.mu[k], col.sigma[k], 0, 1);
      for (const col of this.categorical) row[col.dim] = pickCategory(rng, col, k);
      out.push(row);
    }
    return out;
  }

  /** Log density (log mass along discrete and categorical dimensions) of one row. */
  logPdf(x: Float64Array): number {
    const acc = this.scratch;
    acc.set(this.logWeightBase);
    const K = this.kernels;
    for (const col of this.numeric) {
      const { mu, invSigma } = col;
      const xj = x[col.dim];
      if (col.discrete?.kind === 'discrete') {
        const [a, b] = col.discrete.cell(xj);
        for (let k = 0; k < K; k++) acc[k] += logCellMass((a - mu[k]) * invSigma[k], (b - mu[k]) * invSigma[k]);
      } else {
        for (let k = 0; k < K; k++) {
          const z = (xj - mu[k]) * invSigma[k];
          acc[k] -= 0.5 * z * z;
        }
      }
    }
    for (const col of this.categorical) {
      const c = x[col.dim];
      const lp = col.logProb;
      for (let k = 0; k < K; k++) acc[k] += lp[k * col.choices + c];
    }
    let max = -Infinity;
    for (let k = 0; k < K; k++) if (acc[k] > max) max = acc[k];
    if (max === -Infinity) return -Infinity;
    let sum = 0;
    for (let k = 0; k < K; k++) sum += Math.exp(acc[k] - max);
    return max + Math.log(sum);
  }
}

function numericColumn(
  j: number,
  dim: TpeDimension,
  rows: readonly Float64Array[],
  dimensions: number,
  settings: ParzenSettings,
): NumericColumn {
  const n = rows.length;
  const mu = new Float64Array(n + 1);
  const sigma = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) mu[i] = rows[i][j];
  const raw = settings.bandwidth === 'scott' ? null : neighbourSigmas(Array.from(mu.subarray(0, n)));
  const shared = multivariateSigma(n, dimensions);
  for (let i = 0; i < n; i++) sigma[i] = clipSigma(raw ? raw[i] : shared, n, settings.magicClip);
  mu[n] = 0.5;
  sigma[n] = 1;
  const invSigma = sigma.map((s) => 1 / s);
  return { dim: j, discrete: dim.kind === 'discrete' ? dim : undefined, mu, sigma, invSigma };
}

function categoricalColumn(j: number, choices: number, rows: readonly Float64Array[], priorWeight: number): CategoricalColumn {
  const n = rows.length;
  const kernels = n + 1;
  const logProb = new Float64Array(kernels * choices);
  const base = priorWeight / kernels;
  const observedLog = Math.log((base + 1) / (base * choices + 1));
  const otherLog = Math.log(base / (base * choices + 1));
  for (let i = 0; i < n; i++) {
    const observed = rows[i][j];
    for (let c = 0; c < choices; c++) logProb[i * choices + c] = c === observed ? observedLog : otherLog;
  }
  logProb.fill(-Math.log(choices), n * choices);
  return { dim: j, choices, logProb };
}

function pickCategory(rng: Rng, col: CategoricalColumn, k: number): number {
  let u = rng.float();
  for (let c = 0; c < col.choices - 1; c++) {
    u -= Math.exp(col.logProb[k * col.choices + c]);
    if (u < 0) return c;
  }
  return col.choices - 1;
}
