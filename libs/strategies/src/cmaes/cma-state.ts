import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { cmaParameters, type CmaParameters } from './cma-parameters';

const EPS = 1e-8;
const SIGMA_MAX = 1e32;

/** One evaluated member of a generation: its point and loss. */
export interface CmaSolution {
  readonly x: readonly number[];
  readonly loss: number;
}

/**
 * The search distribution N(mean, sigma² C) of CMA-ES and its evolution
 * paths, updated one generation at a time (`tell`). Pure and deterministic:
 * randomness comes in as the standard normal vector `z` of `sample`.
 */
export class CmaState {
  readonly params: CmaParameters;
  generation = 0;
  mean: number[];
  sigma: number;
  C: number[][];
  pSigma: number[];
  pc: number[];
  /** Eigenvectors (columns) and square roots of the eigenvalues of C. */
  B: number[][] = [];
  D: number[] = [];

  constructor(mean: readonly number[], sigma: number, popsize: number) {
    const n = mean.length;
    this.params = cmaParameters(n, popsize);
    this.mean = [...mean];
    this.sigma = sigma;
    this.C = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
    this.pSigma = new Array<number>(n).fill(0);
    this.pc = new Array<number>(n).fill(0);
    this.decompose();
  }

  get dim(): number {
    return this.params.dim;
  }

  /** mean + sigma · B D z: a draw from the current distribution for a standard normal z. */
  sample(z: readonly number[]): number[] {
    const n = this.dim;
    const x = [...this.mean];
    for (let i = 0; i < n; i++) {
      let y = 0;
      for (let j = 0; j < n; j++) y += this.B[i][j] * this.D[j] * z[j];
      x[i] += this.sigma * y;
    }
    return x;
  }

  /** One generation's update: mean, step size (CSA), rank-one and rank-mu covariance updates. */
  tell(solutions: readonly CmaSolution[]): void {
    const { popsize, mu, weights, muEff, cSigma, dSigma, cc, c1, cmu, chiN } = this.params;
    if (solutions.length !== popsize) throw new Error(`tell needs ${popsize} solutions, got ${solutions.length}`);
    const n = this.dim;
    this.generation++;
    const sorted = [...solutions].sort((a, b) => a.loss - b.loss);
    const ys = sorted.map((s) => s.x.map((xi, i) => (xi - this.mean[i]) / this.sigma));
    const yw = new Array<number>(n).fill(0);
    for (let k = 0; k < mu; k++) for (let i = 0; i < n; i++) yw[i] += weights[k] * ys[k][i];
    for (let i = 0; i < n; i++) this.mean[i] += this.sigma * yw[i];

    const cs = Math.sqrt(cSigma * (2 - cSigma) * muEff);
    const whitenedW = this.invSqrtC(yw);
    for (let i = 0; i < n; i++) this.pSigma[i] = (1 - cSigma) * this.pSigma[i] + cs * whitenedW[i];
    const normPs = Math.hypot(...this.pSigma);
    this.sigma = Math.min(SIGMA_MAX, this.sigma * Math.exp((cSigma / dSigma) * (normPs / chiN - 1)));

    const hSigma = normPs / Math.sqrt(1 - (1 - cSigma) ** (2 * (this.generation + 1))) < (1.4 + 2 / (n + 1)) * chiN ? 1 : 0;
    const ccs = Math.sqrt(cc * (2 - cc) * muEff);
    for (let i = 0; i < n; i++) this.pc[i] = (1 - cc) * this.pc[i] + hSigma * ccs * yw[i];

    // Negative weights are rescaled by the Mahalanobis norm of their step (eq. 46).
    const wio = weights.map((w, k) => (w >= 0 ? w : (w * n) / (this.invSqrtC(ys[k]).reduce((s, v) => s + v * v, 0) + EPS)));
    const deltaH = (1 - hSigma) * cc * (2 - cc);
    const decay = 1 + c1 * deltaH - c1 - cmu * weights.reduce((s, w) => s + w, 0);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let rankMu = 0;
        for (let k = 0; k < popsize; k++) rankMu += wio[k] * ys[k][i] * ys[k][j];
        this.C[i][j] = decay * this.C[i][j] + c1 * this.pc[i] * this.pc[j] + cmu * rankMu;
      }
    }
    this.decompose();
  }

  /** C^(-1/2) v = B D⁻¹ Bᵀ v. */
  invSqrtC(v: readonly number[]): number[] {
    const n = this.dim;
    const t = new Array<number>(n).fill(0);
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += this.B[i][j] * v[i];
      t[j] = s / this.D[j];
    }
    const out = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out[i] += this.B[i][j] * t[j];
    return out;
  }

  /** Symmetrises C, takes its eigendecomposition and rebuilds C from it with eigenvalues floored at EPS. */
  private decompose(): void {
    const n = this.dim;
    const sym = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (this.C[i][j] + this.C[j][i]) / 2));
    const evd = new EigenvalueDecomposition(new Matrix(sym), { assumeSymmetric: true });
    const V = evd.eigenvectorMatrix.to2DArray();
    this.D = evd.realEigenvalues.map((e) => Math.sqrt(e < 0 ? EPS : e));
    this.B = V;
    this.C = Array.from({ length: n }, (_, i) =>
      Array.from({ length: n }, (_, j) => {
        let s = 0;
        for (let k = 0; k < n; k++) s += V[i][k] * this.D[k] ** 2 * V[j][k];
        return s;
      }),
    );
  }
}
